using System.Reflection;
using System.Text.Json;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// The CI-sized run of the failure harness, through both edges, with real open-loop load: the system's
/// own start watched from outside, a killed primary (keyed and keyless writes), a rolling restart, a
/// frozen replica, and every replica stopped and started again. The harness exits non-zero when any request in the main load failed.
/// In the app collection so that it never competes for the two cores with the other integration tests, and it takes
/// its turn with the compose stacks (<see cref="HeavyDrillLock"/>), which run in another test process; it runs last
/// in the collection (<see cref="HarnessLast"/>), so that the other tests do not wait for that turn.
/// </summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class ChaosHarnessTests
{
    [Fact]
    public async Task The_quick_startup_kill_keyless_rolling_restart_frozen_and_all_down_runs_fail_no_request()
    {
        var configuration = typeof(ChaosHarnessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var harness = RepositoryPaths.Of("tests", "HealthAI.Chaos", "bin", configuration, "net10.0", "HealthAI.Chaos.dll");
        var output = Directory.CreateTempSubdirectory("healthai-chaos-").FullName;

        ToolResult result;
        using (await HeavyDrillLock.AcquireAsync(TestContext.Current.CancellationToken))
        {
            result = await ToolRun.RunAsync("dotnet", [harness, "startup", "kill-primary", "keyless-writes", "rolling-restart", "frozen-replica", "all-replicas-down", "--quick", "--out", output],
                RepositoryPaths.Root, cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.True(result.Succeeded, result.Output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var runs = report.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(12, runs.Count);
        Assert.All(runs, run =>
        {
            var summary = run.GetProperty("summary");
            Assert.True(summary.GetProperty("sent").GetInt32() > 100, $"{run.GetProperty("scenario")} through {run.GetProperty("target")} sent too little");
            Assert.True(run.GetProperty("passed").GetBoolean(), $"{run.GetProperty("scenario")} through {run.GetProperty("target")} missed a goal");
            Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        });
        Assert.True(File.Exists(Path.Combine(output, "latency.svg")));
    }
}
