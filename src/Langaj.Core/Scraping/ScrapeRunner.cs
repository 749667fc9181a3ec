namespace Langaj.Core.Scraping;

/// <summary>Runs the scrape of sources: discover, fetch, extract, clean, store, in that order.</summary>
public sealed class ScrapeRunner
{
    /// <summary>One pass over every configured source.</summary>
    public Task<ScrapeReport> RunAllAsync(IProgress<SourceReport>? progress, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>One pass over the sources whose schedule is due (what a timer calls).</summary>
    public Task<ScrapeReport> RunDueAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>One pass over one source now (the operator endpoint); throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    public Task<SourceReport> RunSourceAsync(string sourceId, CancellationToken cancellationToken) => throw new NotImplementedException();
}
