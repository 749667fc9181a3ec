using System.Text;
using System.Xml;

namespace Langaj.Core.Feeds;

/// <summary>
/// Keeps characters XML 1.0 forbids (C0 controls other than tab, LF and CR, U+FFFE, U+FFFF, lone
/// surrogates) out of every feed. A scraped page can carry any of them, and one is enough for a
/// strict reader to reject the whole feed, so they are dropped rather than escaped. JSON could
/// escape most of them, but an article must read the same in every format.
/// </summary>
internal static class XmlCharacters
{
    /// <summary>
    /// The document with every text field stripped; each writer starts here, so a field added to
    /// <see cref="Article"/>, its parts or <see cref="FeedDocument"/> that carries text belongs here too.
    /// </summary>
    public static FeedDocument Strip(FeedDocument document) => document with
    {
        Id = Strip(document.Id),
        Title = Strip(document.Title),
        Description = Strip(document.Description),
        Language = StripOrNull(document.Language),
        Publisher = Strip(document.Publisher),
        Items = [.. document.Items.Select(Strip)],
    };

    private static Article Strip(Article article) => article with
    {
        Id = Strip(article.Id),
        Url = Strip(article.Url),
        Metadata = Strip(article.Metadata),
        Body = new ArticleBody(Strip(article.Body.Text), Strip(article.Body.Html)),
    };

    private static ArticleMetadata Strip(ArticleMetadata metadata) => metadata with
    {
        Title = Strip(metadata.Title),
        Authors = [.. metadata.Authors.Select(Strip)],
        Category = StripOrNull(metadata.Category),
        Tags = [.. metadata.Tags.Select(Strip)],
        Image = StripOrNull(metadata.Image),
        Language = StripOrNull(metadata.Language),
        Summary = Strip(metadata.Summary),
    };

    private static string? StripOrNull(string? text) => text is null ? null : Strip(text);

    public static string Strip(string text)
    {
        var firstForbidden = IndexOfForbidden(text);
        if (firstForbidden < 0)
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, firstForbidden);
        for (var i = firstForbidden; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
        }
        return clean.ToString();
    }

    private static int IndexOfForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /// <summary>The writer every XML feed is written with: UTF-8 without a byte order mark (the XML
    /// declaration and the HTTP charset already say UTF-8), strict about characters.</summary>
    public static XmlWriter CreateWriter(Stream output, bool indent = false) =>
        XmlWriter.Create(output, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = indent,
        });
}
