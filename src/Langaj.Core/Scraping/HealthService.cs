namespace Langaj.Core.Scraping;

/// <summary>What /api/health reports: storage reachable, and each source's last run.</summary>
public sealed class HealthService;
