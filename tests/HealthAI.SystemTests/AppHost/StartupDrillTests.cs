using HealthAI.Chaos;
using HealthAI.Chaos.Scenarios;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// The collection's own start, watched from outside by the harness's start-up drill: mixed load at both edges
/// from before the app started. No edge may answer before every primary is ready, and nothing may fail once
/// one listens. First in the collection (<see cref="StartFirstHarnessLast"/>): the drill's load runs until it is read.
/// </summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class StartupDrillTests(HealthAIAppFixture fixture)
{
    [Fact]
    public async Task The_system_start_fails_no_request_once_an_edge_listens()
    {
        var options = ChaosOptions.QuickRun with { Scenarios = ["startup"], OutputDirectory = RepositoryPaths.Of("artifacts", "chaos-ci", "startup") };

        var results = await fixture.Startup.RunAsync(new ChaosContext(fixture.System, options), TestContext.Current.CancellationToken);
        await ChaosRun.WriteReportsAsync(options, results, TestContext.Current.CancellationToken);

        HarnessAssert.EveryRunPassed(results, HealthAITopology.Edges.Length);
    }
}
