using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>The stages of an extraction, in the order <see cref="ArticleExtractor"/> runs them.</summary>
internal enum ExtractionStage
{
    /// <summary>Bytes to a document, in the page's own charset (<see cref="PageDecoder"/>).</summary>
    Decode,

    /// <summary>Error pages refused, metadata read: title, authors, dates, category, tags, image (<see cref="PageGate"/>, <see cref="MetadataReader"/>).</summary>
    Read,

    /// <summary>What is never article text removed, what is only named like furniture noted (<see cref="Pruner"/>).</summary>
    Prune,

    /// <summary>The element holding the article chosen (<see cref="BodyLocator"/>).</summary>
    Locate,

    /// <summary>Head, tail, labels and furniture inside the body cut (<see cref="BodyTrimmer"/>).</summary>
    Trim,

    /// <summary>The body's plain text, or the declared articleBody when much fuller (<see cref="PlainText"/>, <see cref="DeclaredBody"/>).</summary>
    Render,

    /// <summary>Images resolved, bare text wrapped, the HTML reduced to what a feed reader may show (<see cref="ArticleSanitizer"/>).</summary>
    Sanitize,
}

/// <summary>Told after each stage, with the tree that stage leaves (the pruned page, then the chosen body); the benchmarks time and inspect the stages through it.</summary>
internal delegate void StageCompleted(ExtractionStage stage, IElement? tree);
