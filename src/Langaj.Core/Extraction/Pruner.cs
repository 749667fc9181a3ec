using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// First cleaning pass, before any scoring: drops what is never article text (scripts, forms controls, embeds,
/// hidden elements, navigation landmarks, elements named like furniture) and brings back images hidden in &lt;noscript&gt;.
/// </summary>
internal static class Pruner
{
    public static void Prune(IElement root)
    {
        var doomed = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (!ReferenceEquals(element, root) && IsJunk(element))
            {
                if (element.LocalName == "noscript")
                {
                    RescueImage(element);
                }

                doomed.Add(element);
                continue;
            }

            for (var child = element.LastElementChild; child is not null; child = child.PreviousElementSibling)
            {
                stack.Push(child);
            }
        }

        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    private static bool IsJunk(IElement element)
    {
        if (BoilerplateHints.JunkTags.Contains(element.LocalName))
        {
            return true;
        }

        if (!element.HasAttributes())
        {
            return false;
        }

        if (BoilerplateHints.IsHidden(element))
        {
            return true;
        }

        if (element.GetAttribute("role") is { } role && BoilerplateHints.JunkRoles.Contains(role))
        {
            return true;
        }

        // Links and inline markup keep their text: a class on a link says little about the paragraph around it.
        return element.LocalName is not ("a" or "span" or "b" or "strong" or "i" or "em" or "img" or "body" or "main")
            && BoilerplateHints.HasJunkName(element);
    }

    /// <summary>Lazy-loading pages put the real image in &lt;noscript&gt;: give it to the placeholder next to it, or put it in place.</summary>
    private static void RescueImage(IElement noscript)
    {
        var image = noscript.QuerySelector("img");
        if (image?.GetAttribute("src") is not { Length: > 0 } src)
        {
            return;
        }

        var previous = noscript.PreviousElementSibling;
        if (previous?.LocalName == "img")
        {
            if (!Images.HasRealSource(previous))
            {
                previous.SetAttribute("src", src);
            }

            return;
        }

        noscript.Parent?.InsertBefore(image, noscript);
    }
}

internal static class NodeExtensions
{
    public static bool HasAttributes(this IElement element) => element.Attributes.Length > 0;
}
