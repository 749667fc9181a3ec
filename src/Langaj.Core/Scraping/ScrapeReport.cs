using Langaj.Core.Storage;

namespace Langaj.Core.Scraping;

/// <summary>What one pass over one source did.</summary>
public sealed record SourceReport(string SourceId)
{
    public int Found { get; set; }
    public int New { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; set; }
    /// <summary>Pages that were fetched but are not articles (menus, error or challenge pages): never stored.</summary>
    public int NotArticles { get; set; }
    /// <summary>True when another instance holds this source's lease: nothing was done.</summary>
    public bool AlreadyRunning { get; set; }
    /// <summary>Why the source as a whole failed (discovery unreachable...), null if it did not.</summary>
    public string? Error { get; set; }
    /// <summary>True when the run stopped because storage failed: worth retrying, unlike a site that is down.</summary>
    public bool StorageUnavailable { get; set; }
    public bool Succeeded => Error is null;

    public const int MaxProblems = 50;

    /// <summary>Why articles failed or were not stored, one line each (<c>url: reason</c>), the first <see cref="MaxProblems"/>.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The run as <see cref="SourceStateStore"/> keeps it.</summary>
    public SourceRun ToRun(DateTimeOffset started, DateTimeOffset ended) => new(SourceId, started, ended)
    {
        Found = Found, New = New, Updated = Updated, Unchanged = Unchanged, Failed = Failed, Error = Error,
    };

    internal void AddProblem(Uri url, string reason)
    {
        lock (Problems)
        {
            if (Problems.Count < MaxProblems)
            {
                Problems.Add($"{url}: {reason}");
            }
        }
    }
}

/// <summary>What one pass over several sources did.</summary>
public sealed record ScrapeReport(IReadOnlyList<SourceReport> Sources)
{
    public int Found => Sources.Sum(s => s.Found);
    public int New => Sources.Sum(s => s.New);
    public int Updated => Sources.Sum(s => s.Updated);
    public int Unchanged => Sources.Sum(s => s.Unchanged);
    public int Failed => Sources.Sum(s => s.Failed);
    public int NotArticles => Sources.Sum(s => s.NotArticles);
    /// <summary>The sources that failed as a whole (discovery, storage...), in the order they were configured.</summary>
    public IReadOnlyList<SourceReport> FailedSources => [.. Sources.Where(s => !s.Succeeded)];
    /// <summary>True when every source and every article of the pass succeeded.</summary>
    public bool Succeeded => Sources.All(s => s.Succeeded) && Failed == 0;
}
