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
        "button", "input", "select", "textarea", "option", "label", "nav", "dialog", "link", "meta", "head", "title",
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
        "komentarze", "czytaj także", "czytaj też", "advertentie", "delen", "reacties",
        // Navigation and section labels left behind by removed boxes
        "weitere informationen", "kontakt", "zurück", "zurück zur übersicht", "zur übersicht",
        "inhaltsverzeichnis", "table of contents", "sommaire", "mehr erfahren", "mehr lesen", "weiterlesen", "learn more", "contact",
        "back", "retour", "views", "schlagwörter", "stichworte", "themen", "kategorie", "kategorien", "categories",
        "ähnliche beiträge", "ähnliche artikel", "das könnte dich auch interessieren", "auch interessant", "lust auf mehr?",
        "newsletter abonnieren", "jetzt abonnieren", "twitter", "facebook", "whatsapp", "linkedin", "pinterest", "instagram", "xing",
        "telegram", "youtube", "e-mail", "mail", "artikel teilen", "beitrag teilen", "diesen artikel teilen", "seite teilen",
        "vous aimerez aussi", "à découvrir aussi", "dans la même rubrique", "les plus lus", "most read", "most popular", "trending",
        "more stories", "more from", "top stories", "también te puede interesar", "te puede interesar", "más noticias");

    private static readonly char[] LabelDressing = ['-', '–', '—', '*', '[', ']', '(', ')', '|', ' ', '\u00A0'];

    /// <summary>Labels of several words: a heading that starts with one is still that label ("Mehr zum Thema auf …").</summary>
    private static readonly string[] PhraseLabels = Labels.Where(label => label.Contains(' ', StringComparison.Ordinal)).ToArray();

    public static bool StartsWithLabel(string text)
    {
        foreach (var label in PhraseLabels)
        {
            if (text.Length > label.Length && text.StartsWith(label, StringComparison.OrdinalIgnoreCase) && !char.IsLetterOrDigit(text[label.Length]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How short lines crediting a photo or a source begin.</summary>
    private static readonly string[] CreditPrefixes =
    [
        "foto:", "fotos:", "photo:", "photos:", "bild:", "bilder:", "image:", "images:", "crédit", "credit:", "credits:", "quelle:",
        "source :", "source:", "sources:", "fuente:", "źródło:", "fot.", "illustration :", "illustration:", "titelbild:", "beitragsbild",
    ];

    /// <summary>How short lines listing the article's categories or tags begin (colons written without the French space, see <see cref="Head"/>).</summary>
    private static readonly string[] TaxonomyPrefixes =
    [
        "kategorie:", "kategorien:", "category:", "categories:", "catégorie:", "catégories:", "categoría:", "categoria:", "kategoria:",
        "tags:", "tag:", "schlagwörter:", "schlagworte:", "stichwörter:", "stichworte:", "themen:", "mots-clés:", "etiquetas:", "tagi:",
        "filed under",
    ];
    /// <summary>Phrases that give a short block away as an overlay, a call to subscribe or a cookie notice.</summary>
    public static readonly string[] Phrases =
    [
        "adblock", "ad blocker", "bloqueur de pub", "disabling your ad", "désactiver votre bloqueur",
        "inscrivez-vous à la newsletter", "abonnez-vous à notre newsletter", "recevez notre newsletter", "sign up for our newsletter",
        "subscribe to our newsletter", "nous utilisons des cookies", "we use cookies", "this website uses cookies",
        "ce site utilise des cookies", "wir verwenden cookies", "laisser un commentaire", "leave a comment",
        "votre adresse e-mail ne sera pas publiée", "your email address will not be published",
        "affiliate link", "affiliate-link", "our newsletter", "unseren newsletter", "notre newsletter", "nuestro newsletter",
        "la nostra newsletter", "onze nieuwsbrief", "ohne gewähr",
        "jede spende", "jede kleine spende", "unterstützen sie unsere arbeit", "support our work",
        "soutenez notre travail", "soutenez notre journalisme", "faites un don",
    ];

    /// <summary>How pages announce the reading time of an article.</summary>
    private static readonly string[] ReadingTimes =
    [
        "min read", "minute read", "minutes read", "reading time", "lesezeit", "lesedauer", "temps de lecture", "min de lecture",
        "tiempo de lectura", "min de lectura", "tempo di lettura", "czas czytania", "leestijd",
    ];

    public static bool IsReadingTime(string text) =>
        ContainsAny(text, ReadingTimes);

    /// <summary>How the metadata lines that close an article begin, besides its topics: when it was posted or updated, how often read, how to cite it, whom to contact.</summary>
    private static readonly string[] MetadataPrefixes =
    [
        "erstellt am", "der beitrag wurde am", "dieser beitrag wurde am", "veröffentlicht am", "aktualisiert am", "zuletzt aktualisiert",
        "posted in", "posted on", "this entry was posted", "last updated", "views:",
        "release date:", "publié le", "publié dans", "mis à jour le", "classé dans", "publicado el", "actualizado el",
        "zurück zum ", "zurück zur ", "zurück zu allen", "back to ", "retour à la ", "retour aux ", "volver a ",
        "suggested citation", "zitiervorschlag",
        "telefon:", "tel.", "tel:", "tél.", "tél:", "fax:", "e-mail:", "email:", "phone:", "mobil:", "mobile:", "kontakt:", "contact:",
    ];

    /// <summary>Phrases that give a line after the article away: a call to subscribe, follow or write in, a rights or licence notice, a rating.</summary>
    private static readonly string[] ClosingPhrases =
    [
        "newsletter", "subscribe", "abonnieren", "abonnez-vous", "suscríbete", "suscribirse", "iscriviti",
        "follow us", "folgen sie uns", "folge uns", "suivez-nous", "síguenos", "siguenos", "seguici", "obserwuj nas",
        "all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "derechos reservados", "prawa zastrzeżone",
        "diritti riservati", "creative commons", "copyright", "opinions expressed", "views expressed",
        "ios and android", "android and ios", "android und ios", "ios y android", "ios et android",
        "youtube channel", "telegram channel", "whatsapp channel", "canal de youtube", "canal de telegram", "canal de whatsapp",
        "youtube-kanal", "whatsapp-kanal", "chaîne youtube",
        "email us", "e-mail us", "schreiben sie uns", "écrivez-nous", "escríbenos",
        "cc-by", "sign up", "artikel teilen", "beitrag teilen", "share this", "partager cet article", "compartir este",
        "noch keine bewertung", "no ratings yet", "was this article helpful", ];

    /// <summary>
    /// How the lead-ins begin that close an article and open what pages put after it: teasers of other articles, the
    /// author's bio, a feedback widget, the next article.
    /// </summary>
    private static readonly string[] EndMarkers =
    [
        // Teasers
        "weitere beiträge", "weitere artikel", "weitere aktuelle", "mehr zum thema",
        "mehr aus", "mehr von", "ähnliche", "das könnte", "diese artikel könnten", "auch interessant", "lesen sie auch", "zum weiterlesen",
        "schon gelesen", "top themen", "meistgelesen", "related", "you may also like", "you might also like", "more from", "more stories",
        "read next", "recommended", "most read", "most popular", "à lire aussi", "a lire aussi", "lire aussi", "à découvrir", "sur le même sujet",
        "dans la même rubrique", "vous aimerez aussi", "articles similaires", "les plus lus", "noticias relacionadas",
        "te puede interesar", "también te puede", "más noticias", "czytaj także", "czytaj też", "zobacz także", "zobacz też", "leggi anche",
        "potrebbe interessarti", "lees ook", "voir aussi", "articles liés", "read also", "see also", "top stories", "lust auf mehr",
        "trending", "leia também", "zie ook", "gerelateerde", "artículos relacionados", "articoli correlati", "powiązane",
        // The author's bio
        "über den autor", "über die autorin", "zum autor", "zur autorin", "about the author", "à propos de l'auteur", "à propos de l’auteur",
        "sobre el autor", "o autorze",
        // Feedback widgets
        "ist dieser artikel", "war dieser beitrag", "wie bewerten sie",
        "beitrag bewerten", "was this article", "was this helpful", "was this page", "rate this", "cet article vous a",
        // The next or previous article
        "nächster artikel", "nächster beitrag", "vorheriger artikel", "vorheriger beitrag", "next article", "next post", "previous article",
        "previous post", "article suivant", "article précédent",
        // A paywall or a call to support the newsroom
        "pour lire la suite", "to continue reading", "continue reading with", "um weiterzulesen", "para seguir leyendo",
        "apoya el periodismo", "support our journalism", "unterstützen sie unseren journalismus", "soutenez notre journalisme",
        // The press contact
        "pressekontakt", "medienkontakt", "ansprechpartner", "für rückfragen", "press contact", "media contact", "contact presse",
        "contacto de prensa",
        // How to cite it
        "suggested citation", "zitiervorschlag", "pour citer cet article", "cite this article",
    ];

    /// <summary>How a vocabulary phrase matches a line: the whole line, its start, or anywhere in it.</summary>
    internal enum Match
    {
        Whole,
        Start,
        Anywhere,
    }

    /// <summary>Every phrase of the text vocabulary with its list and how it matches a line: for measuring on which pages each fires.</summary>
    internal static IEnumerable<(string List, string Phrase, Match How)> Vocabulary() =>
        Labels.Select(p => (nameof(Labels), p, Match.Whole))
            .Concat(CreditPrefixes.Select(p => (nameof(CreditPrefixes), p, Match.Start)))
            .Concat(TaxonomyPrefixes.Select(p => (nameof(TaxonomyPrefixes), p, Match.Start)))
            .Concat(MetadataPrefixes.Select(p => (nameof(MetadataPrefixes), p, Match.Start)))
            .Concat(EndMarkers.Select(p => (nameof(EndMarkers), p, Match.Start)))
            .Concat(Phrases.Select(p => (nameof(Phrases), p, Match.Anywhere)))
            .Concat(ReadingTimes.Select(p => (nameof(ReadingTimes), p, Match.Anywhere)))
            .Concat(ClosingPhrases.Select(p => (nameof(ClosingPhrases), p, Match.Anywhere)));

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

    public static bool HasContentHint(IElement element)
    {
        var className = element.GetAttribute("class");
        var id = element.Id;
        return (className is { Length: > 0 } && ContentHint().IsMatch(className)) || (id is { Length: > 0 } && ContentHint().IsMatch(id))
            || string.Equals(element.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A caption ends with its credit ("Le piquet de grève. Photo: AFP", "… (Foto: Getty)"): the marker follows a word break.</summary>
    private static bool EndsWithCredit(string text, string marker)
    {
        var at = text.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return at > 0 && !char.IsLetterOrDigit(text[at - 1]);
    }

    /// <summary>Whether a short block opens what follows an article: "Related", "About the author", "Was this article helpful?".</summary>
    public static bool IsEndMarker(string text) =>
        StartsWithAny(text, EndMarkers);

    /// <summary>Whether a lead-in is an end marker as a whole line ("Voir aussi", "Über den Autor :"), not a heading that starts like one ("Recommended next steps").</summary>
    public static bool IsWholeEndMarker(string text) =>
        EndMarkerSet.Contains(text.Trim().TrimEnd(':', '.', '!', '?', '…', '›', '»', ' ', '\u00A0').Trim(LabelDressing));

    private static readonly FrozenSet<string> EndMarkerSet = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, EndMarkers);

    /// <summary>Whether a block at the end of a body is a metadata line: when it was posted, under which topics, whom to call.</summary>
    public static bool IsMetadataLine(string text) =>
        StartsWithAny(Head(text), TaxonomyPrefixes) || StartsWithAny(Head(text), MetadataPrefixes);

    /// <summary>Whether a block at the end of a body is furniture that closes articles: a call to action, a rights notice, a rating widget.</summary>
    public static bool IsClosingLine(string text) =>
        ContainsAny(text, ClosingPhrases) || string.Equals(text.TrimEnd('.', '…'), "loading", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a short block of text is a furniture label or notice.</summary>
    public static bool IsLabel(string text, string? siteName)
    {
        // Labels come dressed as "- Anzeige -", "[more]" or "*Werbung*": the dressing is not the word.
        var normalised = text.Trim().TrimEnd(':', '.', '!', '›', '»', '→', ' ', '\u00A0').Trim(LabelDressing);
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

        if (normalised.Length <= 100)
        {
            foreach (var prefix in CreditPrefixes)
            {
                if (normalised.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || EndsWithCredit(normalised, prefix))
                {
                    return true;
                }
            }

            if (StartsWithAny(Head(normalised), TaxonomyPrefixes))
            {
                return true;
            }
        }

        return normalised.Length <= ShortLine && HasNoticePhrase(normalised);
    }

    /// <summary>
    /// A phrase marks a whole line only when the line is this short; a longer one is a sentence that mentions it, and it
    /// goes only with a structural signal besides (links, a furniture name, its place after the body).
    /// </summary>
    public const int ShortLine = 110;

    /// <summary>Whether a block carries one of the <see cref="Phrases"/> of overlays, calls to subscribe and notices.</summary>
    public static bool HasNoticePhrase(string text) =>
        ContainsAny(text, Phrases);

    /// <summary>The start of a line, where its lead-in is; French typography's space before a colon removed ("Catégorie : Sport").</summary>
    private static string Head(string text) => (text.Length > 40 ? text[..40] : text).Replace(" :", ":", StringComparison.Ordinal);

    private static bool StartsWithAny(string text, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string text, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
