using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// What marks an element as page furniture rather than article: tag names, class/id words, ARIA roles,
/// and the short labels that furniture carries, in several languages (French first).
/// </summary>
internal static partial class BoilerplateHints
{
    /// <summary>Elements that never carry article text.</summary>
    public static readonly FrozenSet<string> JunkTags = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "math",
        "button", "input", "select", "textarea", "option", "label", "nav", "aside", "dialog", "header", "footer", "link", "meta", "head", "title",
        "audio", "video", "map", "frameset", "frame");

    /// <summary>Roles of landmarks that are not the article.</summary>
    public static readonly FrozenSet<string> JunkRoles = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar",
        "toolbar", "tablist", "alert", "marquee");

    /// <summary>Labels that stand alone in a block when the block is furniture (normalised: lower case, no trailing punctuation).</summary>
    public static readonly FrozenSet<string> Labels = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        // French
        "publicité", "publicite", "pub", "annonce", "contenu sponsorisé", "sponsorisé", "partager", "partagez", "partager cet article",
        "partager sur facebook", "partager sur twitter", "partager sur x", "partager par email", "à lire aussi", "a lire aussi",
        "lire aussi", "à lire également", "lire la suite", "voir aussi", "sur le même sujet", "articles similaires", "articles liés",
        "abonnez-vous", "abonnez-vous à la newsletter", "inscrivez-vous à la newsletter", "inscrivez-vous", "s'inscrire", "newsletter",
        "laisser un commentaire", "laissez un commentaire", "commentaires", "répondre", "imprimer", "envoyer", "copier le lien",
        "suivez-nous", "tweeter", "j'aime", "accepter", "tout accepter", "refuser", "paramétrer les cookies",
        // English
        "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "share", "share this", "share this article",
        "share on facebook", "share on twitter", "tweet", "email", "print", "read more", "related", "related posts",
        "related articles", "you may also like", "read also", "see also", "subscribe", "subscribe to our newsletter", "sign up",
        "leave a comment", "leave a reply", "comments", "reply", "adblock detected", "ad blocker detected", "follow us",
        "please consider supporting us by disabling your ad blocker", "accept", "accept all", "cookie settings", "skip to content",
        // German, Spanish, Italian, Polish, Dutch
        "anzeige", "werbung", "teilen", "drucken", "kommentare", "mehr zum thema", "das könnte sie auch interessieren",
        "publicidad", "compartir", "comentarios", "leer más", "pubblicità", "condividi", "commenti", "reklama", "udostępnij",
        "komentarze", "czytaj także", "czytaj też", "advertentie", "delen", "reacties");

    /// <summary>Phrases that give a short block away as an overlay, a call to subscribe or a cookie notice.</summary>
    public static readonly string[] Phrases =
    [
        "adblock", "ad blocker", "bloqueur de pub", "disabling your ad", "désactiver votre bloqueur",
        "inscrivez-vous à la newsletter", "abonnez-vous à notre newsletter", "recevez notre newsletter", "sign up for our newsletter",
        "subscribe to our newsletter", "nous utilisons des cookies", "we use cookies", "this website uses cookies",
        "ce site utilise des cookies", "wir verwenden cookies", "laisser un commentaire", "leave a comment",
        "votre adresse e-mail ne sera pas publiée", "your email address will not be published",
    ];

    /// <summary>Class or id words that mark furniture even on an element that also looks like content ("entry-footer", "article-share").</summary>
    [GeneratedRegex(@"comment|disqus|share|sharing|social|related|newsletter|breadcrumb|ariane|cookie|consent|gdpr|rgpd|adsbygoogle|adblock|sponsor|outbrain|taboola|footer|byline|post-meta|entry-meta|article-meta|postmetadata|author-bio|authorbox|author-box|about-author|paywall|sr-only|screen-reader|visually-hidden|skip-link|tagcloud|tag-list|yarpp|wpcnt|ad-slot|ad_slot|adslot|ad-label|ad-container|ad-wrapper|adunit|ad-unit", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Junk();

    /// <summary>Class or id words of furniture that an element naming content keeps (see <see cref="Candidate"/>).</summary>
    [GeneratedRegex(@"sidebar|widget|banner|advert|promo|popup|modal|overlay|lightbox|masthead|menu|navbar|nav-|-nav|pagination|pager|recommend|subscri|signup|login|print|rating|vote|tags|categories|toolbar|read-?more|more-stories|rss|follow|inscription|dateline|meta-info|off-?canvas|skiplink|header", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Unlikely();

    /// <summary>Class or id words of a content container: they protect an element from <see cref="Unlikely"/>.</summary>
    [GeneratedRegex(@"article|body|content|entry|main|post-?text|story|prose|text|blog", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Candidate();

    /// <summary>Class or id tokens for an ad slot: matched as whole words, since "ad" is inside "header", "shadow", "download".</summary>
    public static readonly FrozenSet<string> AdTokens = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "ad", "ads", "adv", "advert", "pub", "publicite", "dfp", "gpt", "mpu", "billboard", "leaderboard", "skyscraper", "adbox", "adsense");

    /// <summary>Positive content hints on class/id: a weak bonus, never the answer.</summary>
    [GeneratedRegex(@"article-?body|articlebody|article-?content|entry-content|post-?content|post-?body|story-?body|main-?content|content-?body|single-?content|text-?content|article__body|article__content|rich-?text|prose|post-entry|blog-?post|entry-?body", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ContentHint();

    /// <summary>Inline styles that hide an element.</summary>
    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex HiddenStyle();

    public static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden"))
        {
            return true;
        }

        if (string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        return style is { Length: > 0 } && HiddenStyle().IsMatch(style);
    }

    /// <summary>Whether the class or id names furniture, unless it also names content.</summary>
    public static bool HasJunkName(IElement element)
    {
        var className = element.GetAttribute("class");
        var id = element.Id;
        if (string.IsNullOrEmpty(className) && string.IsNullOrEmpty(id))
        {
            return false;
        }

        if (HasAdToken(className) || HasAdToken(id))
        {
            return true;
        }

        if ((className is { Length: > 0 } && Junk().IsMatch(className)) || (id is { Length: > 0 } && Junk().IsMatch(id)))
        {
            return true;
        }

        var unlikely = (className is { Length: > 0 } && Unlikely().IsMatch(className)) || (id is { Length: > 0 } && Unlikely().IsMatch(id));
        if (!unlikely)
        {
            return false;
        }

        return !((className is { Length: > 0 } && Candidate().IsMatch(className)) || (id is { Length: > 0 } && Candidate().IsMatch(id)));
    }

    public static bool HasContentHint(IElement element)
    {
        var className = element.GetAttribute("class");
        var id = element.Id;
        return (className is { Length: > 0 } && ContentHint().IsMatch(className)) || (id is { Length: > 0 } && ContentHint().IsMatch(id))
            || string.Equals(element.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasAdToken(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var range in value.AsSpan().SplitAny(" \t\n-_"))
        {
            var token = value.AsSpan(range.Start.GetOffset(value.Length), range.End.GetOffset(value.Length) - range.Start.GetOffset(value.Length));
            if (token.Length is > 0 and <= 11 && AdTokens.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a short block of text is a furniture label or notice.</summary>
    public static bool IsLabel(string text, string? siteName)
    {
        var normalised = text.Trim().TrimEnd(':', '.', '!', '›', '»', '→', ' ', '\u00A0').Trim();
        if (normalised.Length == 0)
        {
            return false;
        }

        if (Labels.Contains(normalised))
        {
            return true;
        }

        if (siteName is { Length: > 0 } && string.Equals(normalised, siteName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (normalised.Length > 200)
        {
            return false;
        }

        foreach (var phrase in Phrases)
        {
            if (normalised.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
