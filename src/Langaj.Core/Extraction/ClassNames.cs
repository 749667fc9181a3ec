using System.Collections.Frozen;
using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>What an element's class and id say about it.</summary>
internal enum NameHint
{
    None,
    /// <summary>Furniture whatever it holds.</summary>
    Junk,
    /// <summary>A comment thread: furniture, even when it outweighs the article, unless it is nearly all the page says (a forum).</summary>
    Thread,
    /// <summary>Named like furniture: furniture unless it turns out to hold most of the page's prose.</summary>
    Unlikely,
}

/// <summary>
/// Reads class and id values as words: "share-widget__desktop" is share, widget, desktop; "mainMenu" is main, menu;
/// BEM modifiers ("Section--Ads") and CMS taxonomy classes ("category-social-media") say nothing about the
/// element's role and are skipped. Matching words, not substrings, keeps "APageRoot" from reading as "pager".
/// </summary>
internal static class ClassNames
{
    private static readonly string[] CommentPrefixes = ["comment", "disqus", "kommentar", "respond", "reply", "replies"];

    /// <summary>Furniture words, whatever else the name says.</summary>
    private static readonly FrozenSet<string> FurnitureWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsense", "adslot", "adunit", "adsbygoogle", "dfp", "gpt",
        "mpu", "billboard", "leaderboard", "skyscraper", "anzeige", "werbung", "pub", "publicite", "publicidad", "sponsor", "sponsored",
        "share", "shares", "sharing", "sharebar", "sharedaddy", "social", "socials", "related", "relatedposts", "newsletter",
        "ariane", "cookie", "cookies", "consent", "gdpr", "rgpd", "outbrain", "taboola", "footer",
        "adblock", "tagcloud", "tags", "date", "author", "authors", "bio", "yarpp", "donate", "donation", "toc");

    /// <summary>
    /// Furniture words that name a line rather than a box, so they count on paragraphs and spans too: image captions
    /// outside &lt;figure&gt; ("wp-caption-text", "img-legend") describe an image like figcaption does; credits, affiliate
    /// disclosures ("aawp-disclaimer"), breadcrumbs, bylines and meta lines ("post-meta") speak about the page, not the story.
    /// </summary>
    private static readonly FrozenSet<string> LineWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "caption", "captions", "legend", "credit", "credits", "copyright", "disclosure", "disclaimer", "affiliate", "breadcrumb",
        "breadcrumbs", "byline", "meta", "postmeta");

    /// <summary>Furniture words that a content word in the same name overrides ("main-header" stays, "site-header" goes).</summary>
    private static readonly FrozenSet<string> UnlikelyWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "sidebar", "widget", "widgets", "banner", "promo", "popup", "modal", "overlay", "lightbox", "masthead", "menu", "nav", "navbar",
        "navigation", "pagination", "pager", "subscribe", "subscription", "signup", "login", "print", "rating", "toolbar", "categories",
        "dateline", "skip", "offcanvas", "follow", "header", "hidden", "sr", "invisible", "recommended", "recommendations", "trending",
        "popular", "teaser", "teasers", "cta", "notice", "alert", "dialog", "sticky");

    private static readonly string[] FurniturePrefixes = ["share", "social", "related", "newsletter", "breadcrumb", "cookie", "advert", "adsby", "sponsor", "sidebar", "footer", "byline"];

    /// <summary>Content words: they keep an element from being judged by an <see cref="UnlikelyWords"/> word.</summary>
    private static readonly FrozenSet<string> ContentWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "article", "articles", "body", "content", "contents", "entry", "main", "story", "text", "prose", "blog", "post", "column");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Furniture = FurnitureWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Unlikely = UnlikelyWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Content = ContentWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Line = LineWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>What the names say; with <paramref name="linesOnly"/>, only whether they name a furniture line (a caption, a credit...).</summary>
    public static NameHint Judge(IElement element, bool linesOnly = false)
    {
        var line = false;
        var furniture = false;
        var unlikely = false;
        var content = false;
        foreach (var value in (ReadOnlySpan<string?>)[element.GetAttribute("class"), element.Id])
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            foreach (var range in value.AsSpan().SplitAny(" \t\r\n\f"))
            {
                var token = value.AsSpan()[range];
                if (IsTaxonomy(token))
                {
                    continue;
                }

                var modifier = token.IndexOf("--", StringComparison.Ordinal);
                if (modifier > 0)
                {
                    token = token[..modifier];
                }

                if (token.StartsWith("elementor", StringComparison.OrdinalIgnoreCase) && !token.Contains("header", StringComparison.OrdinalIgnoreCase)
                    && !token.Contains("footer", StringComparison.OrdinalIgnoreCase))
                {
                    // Elementor names every content block "elementor-widget-…": its words say nothing about the role.
                    continue;
                }

                var start = 0;
                for (var i = 1; i <= token.Length; i++)
                {
                    if (i < token.Length && !IsBoundary(token, i))
                    {
                        continue;
                    }

                    var word = Trim(token[start..i]);
                    start = i;
                    if (word.IsEmpty)
                    {
                        continue;
                    }

                    line |= Line.Contains(word);
                    if (linesOnly)
                    {
                        continue;
                    }

                    foreach (var prefix in CommentPrefixes)
                    {
                        if (word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                        {
                            return NameHint.Thread;
                        }
                    }

                    furniture |= Furniture.Contains(word) || HasPrefix(word, FurniturePrefixes);
                    unlikely |= Unlikely.Contains(word);
                    content |= Content.Contains(word);
                }
            }
        }

        return line || furniture || (unlikely && !content) ? NameHint.Unlikely : NameHint.None;
    }

    /// <summary>Words break at separators and where a lower-case letter meets an upper-case one ("mainMenu").</summary>
    private static bool IsBoundary(ReadOnlySpan<char> token, int i) =>
        !char.IsLetterOrDigit(token[i]) || !char.IsLetterOrDigit(token[i - 1]) || (char.IsUpper(token[i]) && char.IsLower(token[i - 1]));

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> word)
    {
        var start = 0;
        while (start < word.Length && !char.IsLetterOrDigit(word[start]))
        {
            start++;
        }

        return word[start..];
    }

    private static bool HasPrefix(ReadOnlySpan<char> word, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>CMS taxonomy classes ("category-social-media", "tag-cookies") name the article's subject, not the element's role.</summary>
    private static bool IsTaxonomy(ReadOnlySpan<char> token) =>
        token.StartsWith("category-", StringComparison.OrdinalIgnoreCase) || token.StartsWith("tag-", StringComparison.OrdinalIgnoreCase)
        || token.StartsWith("post_tag-", StringComparison.OrdinalIgnoreCase) || token.StartsWith("section-", StringComparison.OrdinalIgnoreCase)
        || token.StartsWith("postid-", StringComparison.OrdinalIgnoreCase);
}
