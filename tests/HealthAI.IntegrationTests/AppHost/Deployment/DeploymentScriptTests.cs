namespace HealthAI.AppHost.Tests.Deployment;

/// <summary>
/// The deploy scripts' printed plans: the order of the steps, that nothing ever takes the whole service
/// down, and the rollback. HealthAI.Compose.Tests runs the same scripts for real on a compose stack.
/// </summary>
public sealed class DeploymentScriptTests
{
    private static readonly string[] Replicas = ["healthai-app-1", "healthai-app-2", "healthai-app-3", "healthai-app-backup"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_shell_script_is_shellcheck_clean()
    {
        string[] scripts = ["deploy/deploy.sh", "deploy/rolling-update.sh", "deploy/lib/compose.sh", "healthai", "scripts/install-host-packages.sh", "scripts/load-samples.sh", "scripts/build-images.sh", "scripts/docker-daemon.sh", ".ci/run"];

        // -x follows the scripts' `source` of deploy/lib/compose.sh.
        var result = await ToolRun.RunAsync("shellcheck", ["-x", .. scripts], RepositoryPaths.Root, cancellationToken: Cancel);

        Assert.True(result.Succeeded, result.Output);
    }

    [Fact]
    public async Task A_rolling_update_replaces_one_replica_at_a_time_primaries_first_waiting_for_health()
    {
        var plan = await PlanAsync("deploy/rolling-update.sh", "--dry-run", "--compose-dir", "/srv/healthai");

        var steps = plan.Where(line => line.StartsWith("+ ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Replicas.Length * 4, steps.Count);
        for (var i = 0; i < Replicas.Length; i++)
        {
            Assert.EndsWith($"stop --timeout 120 {Replicas[i]}", steps[4 * i], StringComparison.Ordinal);
            Assert.EndsWith($"up --detach --no-deps {Replicas[i]}", steps[(4 * i) + 1], StringComparison.Ordinal);
            Assert.Equal($"+ wait_healthy 120 {Replicas[i]}", steps[(4 * i) + 2]);
            Assert.Equal("+ sleep 3", steps[(4 * i) + 3]);
        }

        Assert.DoesNotContain(plan, line => line.Contains(" down", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("curl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replica_that_does_not_become_healthy_is_rolled_back_and_the_update_stops()
    {
        var (exit, plan) = await RunAsync("deploy/rolling-update.sh", "--dry-run", "--fail-at", "healthai-app-2");

        Assert.NotEqual(0, exit);
        var tag = plan.FindIndex(line => line.StartsWith("+ docker tag <image of healthai-app-2>", StringComparison.Ordinal));
        Assert.True(tag > 0, string.Join('\n', plan));
        Assert.EndsWith("up --detach --no-deps healthai-app-2", plan[tag + 1], StringComparison.Ordinal);
        Assert.Equal("+ wait_healthy 120 healthai-app-2", plan[tag + 2]);
        Assert.DoesNotContain(plan, line => line.Contains("healthai-app-3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deploy_builds_rolls_the_replicas_then_waits_for_every_service_without_taking_anything_down()
    {
        var plan = await PlanAsync("deploy/deploy.sh", "--dry-run", "--compose-dir", "/srv/healthai");

        var build = plan.FindIndex(line => line.EndsWith("healthai images --compose-dir /srv/healthai", StringComparison.Ordinal));
        var firstStop = plan.FindIndex(line => line.EndsWith("stop --timeout 120 healthai-app-1", StringComparison.Ordinal));
        var upAll = plan.FindIndex(line => line.EndsWith("up --detach --remove-orphans", StringComparison.Ordinal));
        Assert.True(build >= 0 && build < firstStop && firstStop < upAll, string.Join('\n', plan));
        Assert.Equal("+ wait_healthy 180", plan[upAll + 1]);
        // Changed configurations are reloaded once the stack is healthy, never before.
        Assert.Equal("+ reload_changed_configs", plan[upAll + 2]);
        Assert.DoesNotContain(plan, line => line.Contains(" down", StringComparison.Ordinal) || line.Contains("sleep 60", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_deploy_has_nothing_to_roll()
    {
        var plan = await PlanAsync("deploy/deploy.sh", "--dry-run", "--first");

        Assert.DoesNotContain(plan, line => line.Contains(" stop ", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.EndsWith("up --detach --remove-orphans", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(string script, params string[] arguments)
    {
        var (exit, plan) = await RunAsync(script, arguments);
        Assert.True(exit == 0, string.Join('\n', plan));
        return plan;
    }

    private static async Task<(int Exit, List<string> Lines)> RunAsync(string script, params string[] arguments)
    {
        var result = await ToolRun.RunAsync("bash", [script, .. arguments], RepositoryPaths.Root, cancellationToken: Cancel);
        return (result.ExitCode, [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
    }
}
