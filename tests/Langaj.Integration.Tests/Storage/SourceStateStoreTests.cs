using Langaj.Core.Fetching;

namespace Langaj.Integration.Tests.Storage;

[Collection(AzuriteFixture.Collection)]
public sealed class SourceStateStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Runs_are_recorded_and_read_back_per_source()
    {
        await using var services = await azurite.StorageAsync();
        var states = services.GetRequiredService<SourceStateStore>();
        var validators = new ConditionalRequest("\"feed-v1\"", Start.AddDays(-1));

        Assert.Null(await states.GetAsync("lemonde", default));
        await states.RecordRunAsync(
            new SourceRun("lemonde", Start, Start.AddSeconds(40)) { Found = 12, New = 3, Updated = 2, Unchanged = 6, Failed = 1 },
            validators, [new Uri("https://lemonde.test/a.html")], default);
        await states.RecordRunAsync(
            new SourceRun("liberation", Start, Start.AddSeconds(5)) { Found = 1, Error = "Flux injoignable : délai dépassé" },
            null, null, default);

        var lemonde = await states.GetAsync("lemonde", default);
        Assert.Equal(
            new SourceState("lemonde")
            {
                DiscoveryETag = "\"feed-v1\"",
                DiscoveryLastModified = Start.AddDays(-1),
                LastRunStarted = Start,
                LastRunEnded = Start.AddSeconds(40),
                LastSuccess = Start.AddSeconds(40),
                Found = 12, New = 3, Updated = 2, Unchanged = 6, Failed = 1,
            },
            lemonde! with { FailedLinks = [] });
        Assert.Equal([new Uri("https://lemonde.test/a.html")], lemonde.FailedLinks);
        Assert.Equal(validators, lemonde!.DiscoveryValidators);
        var liberation = await states.GetAsync("liberation", default);
        Assert.Equal("Flux injoignable : délai dépassé", liberation!.LastError);
        Assert.Equal(Start.AddSeconds(5), liberation.LastErrorAt);
        Assert.Null(liberation.LastSuccess);
        Assert.Null(liberation.DiscoveryValidators);
        Assert.Equal(["lemonde", "liberation"], (await states.ListAsync(default)).Select(s => s.SourceId));
    }

    [Fact]
    public async Task A_failed_run_keeps_the_validators_and_the_last_success()
    {
        await using var services = await azurite.StorageAsync();
        var states = services.GetRequiredService<SourceStateStore>();
        await states.RecordRunAsync(new SourceRun("s", Start, Start.AddMinutes(1)) { Found = 4, New = 4 }, new ConditionalRequest("\"v1\"", null), [], default);

        await states.RecordRunAsync(new SourceRun("s", Start.AddHours(1), Start.AddHours(1).AddMinutes(1)) { Error = "HTTP 503" }, null, null, default);

        var state = await states.GetAsync("s", default);
        Assert.NotNull(state);
        Assert.Equal(new ConditionalRequest("\"v1\"", null), state.DiscoveryValidators);
        Assert.Equal(Start.AddMinutes(1), state.LastSuccess);
        Assert.Equal("HTTP 503", state.LastError);
        Assert.Equal(Start.AddHours(1).AddMinutes(1), state.LastErrorAt);
        Assert.Equal(Start.AddHours(1), state.LastRunStarted);
        Assert.Equal(0, state.New);
    }
}
