using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Langaj.Core.Extraction;

/// <summary>Pages that are not articles whatever their text says: binary data, bot challenges, refusals, errors.</summary>
internal static class PageGate
{
    private static readonly string[] ChallengeTitles =
    [
        "just a moment", "attention required", "checking your browser", "access denied", "403 forbidden", "forbidden",
        "404 not found", "page not found", "page introuvable", "erreur 404", "error 404", "not found", "500 internal server error",
        "service unavailable", "502 bad gateway", "503 service", "accès refusé", "ddos-guard", "are you a robot", "vérification",
        "please wait", "security check", "captcha",
    ];

    private static readonly string[] ChallengeMarkers =
    [
        "cf-browser-verification", "cf-challenge", "challenge-platform", "cf_chl_opt", "checking your browser before accessing",
        "enable javascript and cookies to continue", "ddos protection by",
    ];

    /// <summary>Challenge and error pages carry little text; an article named "Not found…" carries much more.</summary>
    private const int ShortPage = 3000;

    /// <summary>Control bytes (other than white space) in the first kilobytes mean this is not a text page.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 4096)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                control++;
            }
        }

        return control > sample.Length / 20;
    }

    /// <summary>Why a parsed page is a challenge or an error page, or null when it may be an article.</summary>
    public static string? Refusal(IHtmlDocument document)
    {
        var title = document.Title?.Trim().ToLowerInvariant() ?? "";
        var shortPage = document.Body is not { } body || !HasTextBeyond(body, ShortPage);
        foreach (var challenge in ChallengeTitles)
        {
            if (title.StartsWith(challenge, StringComparison.Ordinal) && (shortPage || title.Length < challenge.Length + 5))
            {
                return $"not an article: the page is a challenge or error page (\"{document.Title!.Trim()}\")";
            }
        }

        if (shortPage)
        {
            var html = document.DocumentElement.OuterHtml;
            foreach (var marker in ChallengeMarkers)
            {
                if (html.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    return $"not an article: anti-bot challenge page ({marker})";
                }
            }
        }

        return null;
    }

    /// <summary>Whether the visible text under an element is longer than a limit, reading no further than the limit.</summary>
    private static bool HasTextBeyond(IElement root, int limit)
    {
        var length = 0;
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                length += text.Data.Length;
                if (length > limit)
                {
                    return true;
                }

                continue;
            }

            if (node is IElement element && element.LocalName is "script" or "style" or "template")
            {
                continue;
            }

            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return false;
    }
}
