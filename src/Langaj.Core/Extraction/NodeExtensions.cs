using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

internal static class NodeExtensions
{
    /// <summary>A parent with more children than this is wide: taking one of them out costs a scan of them all.</summary>
    private const int WideParent = 64;

    public static bool HasAttributes(this IElement element) => element.Attributes.Length > 0;

    /// <summary>
    /// Takes a node out of the article. AngleSharp finds a child by scanning its parent's child list, so removing many
    /// children of one wide parent (a page of thousands of paragraphs with an ad slot after every few) costs the square
    /// of its width. There the node is emptied in place instead: a text node of its text; an element of its children and
    /// attributes, and marked hidden. Such a shell holds no text, and hidden elements are furniture to every stage.
    /// </summary>
    public static void Discard(this INode node)
    {
        if (node.Parent is not { } parent)
        {
            return;
        }

        if (parent.ChildNodes.Length <= WideParent)
        {
            parent.RemoveChild(node);
            return;
        }

        switch (node)
        {
            case ICharacterData characters:
                characters.Data = "";
                break;
            case IElement element:
                // From the front: AngleSharp finds a first child at once.
                while (element.FirstChild is { } child)
                {
                    element.RemoveChild(child);
                }

                while (element.Attributes.Length > 0)
                {
                    element.RemoveAttribute(element.Attributes[0]!.Name);
                }

                element.SetAttribute("hidden", "");
                break;
        }
    }
}
