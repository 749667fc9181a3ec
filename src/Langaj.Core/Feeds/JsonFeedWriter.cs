using System.Text.Encodings.Web;
using System.Text.Json;

namespace Langaj.Core.Feeds;

/// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1), served as application/feed+json.</summary>
public static class JsonFeedWriter
{
    public static byte[] Write(FeedDocument document)
    {
        document = XmlCharacters.Strip(document);
        using var output = new MemoryStream();
        // The default encoder escapes every non-ASCII letter and all of <>&' (for embedding in HTML);
        // this document is never embedded, so relaxed escaping keeps accented text readable and smaller.
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", document.Title);
            json.WriteString("home_page_url", document.HomeUrl.AbsoluteUri);
            json.WriteString("feed_url", document.SelfUrl.AbsoluteUri);
            if (document.Description.Length > 0)
            {
                json.WriteString("description", document.Description);
            }
            if (document.Paging.Next is { } next)
            {
                json.WriteString("next_url", next.AbsoluteUri);
            }
            if (document.Language is { } language)
            {
                json.WriteString("language", language);
            }
            json.WriteStartArray("authors");
            WriteAuthor(json, document.Publisher);
            json.WriteEndArray();
            json.WriteStartArray("items");
            foreach (var article in document.Items)
            {
                WriteItem(json, article);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return output.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter json, Article article)
    {
        json.WriteStartObject();
        json.WriteString("id", FeedItem.Id(article));
        if (FeedItem.Link(article) is { } link)
        {
            json.WriteString("url", link.AbsoluteUri);
        }
        json.WriteString("title", article.Metadata.Title);
        // JSON Feed requires content_html or content_text; both are always given (possibly empty).
        json.WriteString("content_html", article.Body.Html);
        json.WriteString("content_text", article.Body.Text);
        if (article.Metadata.Summary.Length > 0)
        {
            json.WriteString("summary", article.Metadata.Summary);
        }
        if (FeedItem.Image(article) is { } image)
        {
            json.WriteString("image", image.AbsoluteUri);
        }
        json.WriteString("date_published", FeedItem.Rfc3339(FeedItem.Published(article)));
        json.WriteString("date_modified", FeedItem.Rfc3339(FeedItem.Modified(article)));
        if (article.Metadata.Authors.Count > 0)
        {
            json.WriteStartArray("authors");
            foreach (var author in article.Metadata.Authors)
            {
                WriteAuthor(json, author);
            }
            json.WriteEndArray();
        }
        var terms = FeedItem.Terms(article).ToList();
        if (terms.Count > 0)
        {
            json.WriteStartArray("tags");
            foreach (var term in terms)
            {
                json.WriteStringValue(term);
            }
            json.WriteEndArray();
        }
        if (article.Metadata.Language is { Length: > 0 } language)
        {
            json.WriteString("language", language);
        }
        json.WriteEndObject();
    }

    private static void WriteAuthor(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteEndObject();
    }
}
