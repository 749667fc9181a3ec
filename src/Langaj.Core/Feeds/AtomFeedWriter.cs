using System.ServiceModel.Syndication;

namespace Langaj.Core.Feeds;

/// <summary>Atom 1.0 (RFC 4287) with RFC 5005 paging links.</summary>
public static class AtomFeedWriter
{
    public static byte[] Write(FeedDocument document)
    {
        document = XmlCharacters.Strip(document);
        var feed = new SyndicationFeed
        {
            Id = document.Id,
            Title = new TextSyndicationContent(document.Title),
            Description = document.Description.Length > 0 ? new TextSyndicationContent(document.Description) : null,
            // Written as xml:lang on <feed>.
            Language = document.Language,
            LastUpdatedTime = document.Updated.ToUniversalTime(),
            Items = [.. document.Items.Select(ToEntry)],
        };
        // RFC 4287 wants an author on the feed unless every entry has one.
        feed.Authors.Add(new SyndicationPerson { Name = document.Publisher });
        feed.Links.Add(new SyndicationLink(document.SelfUrl, "self", null, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(document.HomeUrl, "alternate", null, "text/html", 0));
        foreach (var (relation, href) in document.Paging.Links())
        {
            feed.Links.Add(new SyndicationLink(href, relation, null, "application/atom+xml", 0));
        }
        return FeedStylesheet.Write(document.Stylesheet, new Atom10FeedFormatter(feed));
    }

    private static SyndicationItem ToEntry(Article article)
    {
        var entry = new SyndicationItem
        {
            Id = FeedItem.Id(article),
            Title = new TextSyndicationContent(article.Metadata.Title),
            // Moves only when the content hash changes, so readers do not re-show unchanged entries.
            LastUpdatedTime = FeedItem.Modified(article),
            PublishDate = FeedItem.Published(article),
            Summary = article.Metadata.Summary.Length > 0 ? new TextSyndicationContent(article.Metadata.Summary) : null,
            Content = article.Body.Html.Length > 0 ? SyndicationContent.CreateHtmlContent(article.Body.Html) : null,
        };
        if (FeedItem.Link(article) is { } link)
        {
            entry.Links.Add(SyndicationLink.CreateAlternateLink(link, "text/html"));
        }
        if (FeedItem.Image(article) is { } image)
        {
            // Atom makes length optional; unknown here, so it is left out (0 means "not written").
            entry.Links.Add(SyndicationLink.CreateMediaEnclosureLink(image, FeedItem.ImageType(image), 0));
        }
        foreach (var author in article.Metadata.Authors)
        {
            entry.Authors.Add(new SyndicationPerson { Name = author });
        }
        foreach (var term in FeedItem.Terms(article))
        {
            entry.Categories.Add(new SyndicationCategory(term));
        }
        return entry;
    }
}
