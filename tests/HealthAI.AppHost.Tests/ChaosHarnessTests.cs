using System.Reflection;
using System.Text.Json;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// The CI-sized run of the failure harness: a killed primary and a rolling restart, through both edges,
/// with real open-loop load. The harness exits non-zero when any request in the main load failed.
/// In the app collection so that it never competes for the two cores with the other integration tests.
/// </summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class ChaosHarnessTests
{
    [Fact]
    public async Task The_quick_kill_and_rolling_restart_runs_fail_no_request()
    {
        var configuration = typeof(ChaosHarnessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var harness = RepositoryPaths.Of("tests", "HealthAI.Chaos", "bin", configuration, "net10.0", "HealthAI.Chaos.dll");
        var output = Directory.CreateTempSubdirectory("healthai-chaos-").FullName;

        var result = await ToolRun.RunAsync("dotnet", [harness, "kill-primary", "rolling-restart", "--quick", "--out", output],
            RepositoryPaths.Root, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var runs = report.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(4, runs.Count);
        Assert.All(runs, run =>
        {
            var summary = run.GetProperty("summary");
            Assert.True(summary.GetProperty("sent").GetInt32() > 100, $"{run.GetProperty("scenario")} through {run.GetProperty("target")} sent too little");
            Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        });
        Assert.True(File.Exists(Path.Combine(output, "latency.svg")));
    }
}
