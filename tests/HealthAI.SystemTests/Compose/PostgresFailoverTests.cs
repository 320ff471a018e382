using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using HealthAI.AppHost.KnowledgeBase;
using HealthAI.Chaos.Workload;
using HealthAI.Testing.Load;

namespace HealthAI.Compose.Tests;

/// <summary>
/// The compose <c>postgres</c> profile under failure: the database primary's main process is killed from
/// the host while the chaos harness's mixed load runs through nginx and HAProxy and a writer posts keyed documents.
/// The standby is promoted, reads go on (one that misses its route's timeout during the switch is refused
/// with 503 + Retry-After), writes are refused with 503 + Retry-After only while there is no primary, nothing
/// acknowledged is lost, and the old primary rejoins as the standby within a minute of its restart. Figures in
/// <c>artifacts/compose-tests/failover-report.txt</c>.
/// </summary>
[TestMethodOrderer(typeof(DeclarationOrder))]
[Collection(ComposeStacks.Name)]
public sealed class PostgresFailoverTests(PostgresStackFixture stack) : IClassFixture<PostgresStackFixture>
{
    private static readonly TimeSpan SwitchTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RejoinGoal = TimeSpan.FromSeconds(60);

    // The failures are timed on the drill's clock; a read sent just before the kill may still meet it on its way.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(700);
    private static readonly ReportFile Report = new(RepositoryPaths.Of("artifacts", "compose-tests", "failover-report.txt"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_replicas_run_on_a_primary_and_a_synchronous_standby()
    {
        Report.Add($"images built in {stack.ImageBuildTime.TotalSeconds:0} s; every service healthy {stack.TimeToHealthy.TotalSeconds:0} s after docker-compose up");
        var nodes = await stack.NodesAsync();

        Assert.Equal(2, nodes.Count);
        Assert.Single(nodes, n => n.Reported == "primary");
        Assert.Single(nodes, n => n.Reported == "secondary");
        var environment = await ComposeStackFixture.InspectAsync(await stack.ContainerAsync("healthai-app-1"), "{{range .Config.Env}}{{println .}}{{end}}");
        Assert.Contains("KnowledgeBase__Engine=PostgreSql\n", environment, StringComparison.Ordinal);
        Assert.Contains("KnowledgeBase__ConnectionString=Host=postgres-a,postgres-b;", environment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_replicas_reach_the_database_as_a_role_that_is_no_superuser_and_still_verifies_backups()
    {
        var nginx = await stack.ContainerAsync("nginx");
        var image = await ComposeStackFixture.InspectAsync(await stack.ContainerAsync("postgres-a"), "{{.Config.Image}}");
        var password = stack.Environment("KNOWLEDGE_BASE_PASSWORD");
        var outsiders = new List<(string From, ToolResult Result)>();
        foreach (var node in new[] { "postgres-a", "postgres-b" })
        {
            // The nginx container itself: the database's names and addresses are on no network it joins.
            outsiders.Add(($"nginx to {node}", await ToolRun.RunAsync("docker", ["exec", nginx, "bash", "-c", $"timeout 5 bash -c 'exec 3<>/dev/tcp/{node}/5432'"], cancellationToken: Cancel)));
            // A new container beside the edges and monitoring, with the role's password.
            outsiders.Add(($"backend network to {node}", await Psql(["--network", $"{stack.Project}_backend"], image, node, password)));
            // A new container on the database network itself, at an address that is no replica's: pg_hba refuses it.
            outsiders.Add(($"database network to {node}", await Psql(["--network", $"{stack.Project}_database"], image, node, password)));
        }

        var primary = (await stack.NodesAsync()).Single(n => n.Reported == "primary").Node;
        var role = await ComposeStackFixture.Run("docker", ["exec", await stack.ContainerAsync(primary), "psql", "-qAtX", "-d", "postgres", "-c",
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication FROM pg_roles WHERE rolname = 'healthai';"]);
        var backup = await Replica(["--post-data=", "http://healthai-app-1:8000/backup"]);
        var id = System.Text.Json.JsonDocument.Parse(backup).RootElement.GetProperty("id").GetString();
        var verified = await Replica(["--post-data=", $"http://healthai-app-2:8000/backup/{id}/verify"]);

        Assert.All(outsiders, attempt => Assert.False(attempt.Result.Succeeded, $"{attempt.From} got a session: {attempt.Result.Output}"));
        Assert.Contains(outsiders.Where(a => a.From.StartsWith("database", StringComparison.Ordinal)), a => a.Result.Output.Contains("no pg_hba.conf entry", StringComparison.Ordinal));
        Assert.Equal("f|t|f|f", role.Trim());
        Assert.True(System.Text.Json.JsonDocument.Parse(verified).RootElement.GetProperty("valid").GetBoolean(), verified);
    }

    [Fact]
    public async Task Prometheus_sees_one_primary_and_one_synchronous_standby_through_the_monitor()
    {
        using var prometheus = new HealthAI.AppHost.Tests.PrometheusClient(stack.Prometheus);
        IReadOnlyDictionary<string, double> primary = new Dictionary<string, double>(), standby = primary, healthy = primary;
        // The exporter is scraped every scrape interval once its role exists on the monitor.
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(TimeSpan.FromSeconds(3), Cancel))
        {
            primary = await prometheus.ValuesByAsync("pg_auto_failover_node_primary{job=\"pg-auto-failover\"}", "nodename", Cancel);
            standby = await prometheus.ValuesByAsync("pg_auto_failover_node_synchronous_standby{job=\"pg-auto-failover\"}", "nodename", Cancel);
            healthy = await prometheus.ValuesByAsync("pg_auto_failover_node_healthy{job=\"pg-auto-failover\"}", "nodename", Cancel);
            if (primary.Count == 2 && standby.Count == 2 && healthy.Values.Sum() == 2)
            {
                break;
            }
        }

        Assert.Equal(["postgres-a", "postgres-b"], primary.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, primary.Values.Sum());
        Assert.Equal(1, standby.Values.Sum());
        Assert.Equal(2, healthy.Values.Sum());
        Assert.DoesNotContain(await prometheus.AlertsAsync(Cancel), alert => alert.Name.StartsWith("HealthAIDatabase", StringComparison.Ordinal) && alert.State == "firing");
    }

    private static Task<ToolResult> Psql(IEnumerable<string> network, string image, string node, string password) => ToolRun.RunAsync("docker",
    [
        "run", "--rm", .. network, "-e", $"PGPASSWORD={password}", "--entrypoint", "psql", image,
        "-qAtX", $"host={node} port=5432 user=healthai dbname=healthai connect_timeout=5", "-c", "SELECT 1",
    ], cancellationToken: Cancel);

    // A restricted endpoint, asked from the nginx container (an allowed address on the backend network) with the admin token.
    private async Task<string> Replica(IEnumerable<string> request) => await ComposeStackFixture.Run("docker",
    [
        "exec", await stack.ContainerAsync("nginx"), "wget", "-qO-", "--content-on-error", "-T", "120", $"--header=Authorization: Bearer {stack.AdminToken}", .. request,
    ]);

    [Fact]
    public async Task Killing_the_database_primary_promotes_the_standby_keeps_reads_served_and_loses_no_acknowledged_write()
    {
        await stack.SeedAsync(Cancel);
        var before = await stack.NodesAsync();
        var primary = before.Single(n => n.Reported == "primary").Node;
        var standby = before.Single(n => n.Reported == "secondary").Node;
        var pid = await ComposeStackFixture.InspectAsync(await stack.ContainerAsync(primary), "{{.State.Pid}}");
        var writes = new ConcurrentQueue<KeyedWrite>();
        // The drill's clock: the load's failures are put on it.
        var clock = new Stopwatch();
        var timeline = new MonitorTimeline();
        TimeSpan killed, killCommand, promoted, rejoined;
        IReadOnlyList<DrillOutcome> outcomes;
        using (var stopWriting = new CancellationTokenSource())
        {
            clock.Start();
            await using var load = DrillLoad.Start(stack, clock: clock);
            var writer = WriteKeyedAsync(writes, clock, stopWriting.Token);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

                // From the host: `docker kill` marks the container as stopped by hand, and no restart policy applies.
                // The kill lands somewhere while the command runs, so the drill's clock marks it from the command's start.
                killed = clock.Elapsed;
                await ComposeStackFixture.Run("kill", ["-9", pid]);
                killCommand = clock.Elapsed - killed;
                promoted = await WaitForAsync(nodes => nodes.Any(n => n.Node == standby && n.Reported is "primary" or "wait_primary"), clock, timeline);
                rejoined = await WaitForAsync(nodes => nodes.Any(n => n.Node == primary && n.Reported == "secondary")
                    && nodes.Any(n => n.Node == standby && n.Reported == "primary"), clock, timeline);
                await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
            }
            finally
            {
                // Also when the switch missed: a writer left running would post to the next system's ports.
                await stopWriting.CancelAsync();
                await writer;
            }

            outcomes = await load.StopAsync();
        }

        var failures = outcomes.SelectMany(o => o.Failures).ToList();
        var failedReads = failures.Where(f => f.Kind != MixedLoad.Ingest).ToList();
        var refused = writes.Where(w => w.Status == 503).ToList();
        var refusedFor = refused.Count == 0 ? TimeSpan.Zero : refused.Max(w => w.Answered) - refused.Min(w => w.Sent);
        var acknowledged = writes.Where(w => w.Status is 200 or 201).Select(w => w.Document).Concat(outcomes.SelectMany(o => o.AcknowledgedDocuments)).ToHashSet(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            Report.Add(outcome.Describe("kill -9 database primary"));
        }

        Report.Add(string.Create(CultureInfo.InvariantCulture,
            $"{primary} killed (the kill command took {killCommand.TotalMilliseconds:0} ms); {standby} promoted after {(promoted - killed).TotalSeconds:0.0} s; {primary} rejoined as standby after {(rejoined - killed).TotalSeconds:0.0} s; "
            + $"keyed writes: {writes.Count} sent, {refused.Count} refused with 503 over {refusedFor.TotalSeconds:0.0} s, statuses {string.Join(' ', writes.GroupBy(w => w.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}"))}; "
            + $"reads failed {failedReads.Count}; acknowledged documents {acknowledged.Count}"));
        if (failedReads.Count > 0)
        {
            Report.Add(DescribeFailedReads(failedReads, killed, timeline));
        }
        else
        {
            Report.Add("the monitor's view, from the kill:\n" + timeline.Describe(killed));
        }
        // The crashed node restarts at once and waits out its hold-off; from then it has RejoinGoal to be a standby again.
        var restarted = killed + new PostgreSqlFailoverSettings().CrashHoldoff;
        Assert.True(rejoined - restarted <= RejoinGoal, string.Create(CultureInfo.InvariantCulture,
            $"{primary} was a standby again {(rejoined - restarted).TotalSeconds:0.0} s after its restart (goal {RejoinGoal.TotalSeconds:0} s)\n{timeline.Describe(killed)}"));
        // On two cores that the stack and its load keep busy, a read can still miss its route's timeout while the
        // nodes switch (the promoted node serves every read while the old primary recovers and rejoins); what must
        // hold here is that each one was refused as retryable, and only during the switch. The count is in the report.
        // A read counts from when it was sent: one that the load's own sender held past the kill met the switch.
        Assert.All(failedReads, read => Assert.True(read.Status == 503 && read.RetryAfter && read.Sent >= killed - ClockSlack && read.Sent <= rejoined,
            DescribeFailedReads(failedReads, killed, timeline)));
        // A write the load's clients saw fail was refused as retryable, never a 500.
        Assert.All(failures.Where(f => f.Kind == MixedLoad.Ingest), f => Assert.Equal(503, f.Status));
        Assert.All(writes, w => Assert.True(w.Status is 200 or 201 or 503, $"keyed write answered {w.Status} at {w.Sent.TotalSeconds:0.0} s"));
        Assert.All(refused, w => Assert.True(w.RetryAfter, $"a 503 without Retry-After at {w.Sent.TotalSeconds:0.0} s"));
        Assert.True(refused.Count == 0 || refused.Min(w => w.Answered) >= killed, "writes were refused before the kill");
        Assert.Contains(writes, w => w.Status is 200 or 201 && w.Sent > rejoined);
        await AssertReadableAsync(acknowledged);
        // Rewound to the new primary's timeline, not copied whole: a copy takes as long as the database is large.
        var rejoin = await ToolRun.RunAsync("docker", ["logs", await stack.ContainerAsync(primary)], cancellationToken: Cancel);
        Assert.Contains("Rewinding PostgreSQL to follow new primary", rejoin.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to rewind", rejoin.Output, StringComparison.Ordinal);
        var after = await stack.NodesAsync();
        Assert.Contains(after, n => n.Node == standby && n.Reported == "primary");
        Assert.Contains(after, n => n.Node == primary && n.Reported == "secondary");
    }

    private static string DescribeFailedReads(List<LoadSample> failed, TimeSpan killed, MonitorTimeline timeline) => string.Create(CultureInfo.InvariantCulture,
        $"{failed.Count} reads failed, sent from {(failed.Min(f => f.Sent) - killed).TotalSeconds:0.0} s to {(failed.Max(f => f.Sent) - killed).TotalSeconds:0.0} s after the kill: ")
        + string.Join("; ", failed.OrderBy(f => f.Sent).Take(8).Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{f.Kind} {f.Status}{(f.RetryAfter ? " with Retry-After" : "")} due {(f.Intended - killed).TotalSeconds:0.0} s, sent {f.SendLag.TotalMilliseconds:0} ms later, answered after {f.Latency.TotalSeconds:0.0} s")))
        + "\nthe monitor's view, from the kill:\n" + timeline.Describe(killed);

    private sealed record KeyedWrite(string Document, TimeSpan Sent, TimeSpan Answered, int Status, bool RetryAfter);

    // New documents, each with its Idempotency-Key, through nginx, every WriteInterval: below the edge's
    // per-client limit together with the mixed load.
    private async Task WriteKeyedAsync(ConcurrentQueue<KeyedWrite> writes, Stopwatch clock, CancellationToken stop)
    {
        using var client = LoopbackClients.Create("127.0.0.1", stack.Certificate);
        client.DefaultRequestHeaders.Authorization = new("Bearer", stack.EditorToken);
        client.Timeout = TimeSpan.FromSeconds(30);
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var document = new ChaosDocument($"Failover probe {run} {n}", $"Written during the failover drill {run}, number {n}.");
            var sent = clock.Elapsed;
            using (var request = MixedLoad.IngestRequest(stack.Nginx, document))
            {
                try
                {
                    using var response = await client.SendAsync(request, Cancel);
                    writes.Enqueue(new KeyedWrite(document.IdempotencyKey, sent, clock.Elapsed, (int)response.StatusCode, response.Headers.RetryAfter is not null));
                }
                catch (HttpRequestException error)
                {
                    writes.Enqueue(new KeyedWrite(document.IdempotencyKey, sent, clock.Elapsed, 0, false));
                    Report.Add($"keyed write failed without an answer: {error.Message}");
                }
            }

            var next = sent + WriteInterval - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(next, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<TimeSpan> WaitForAsync(Func<IReadOnlyList<(string Node, string Reported, string Goal)>, bool> condition, Stopwatch clock, MonitorTimeline timeline)
    {
        var deadline = clock.Elapsed + SwitchTimeout;
        while (clock.Elapsed < deadline)
        {
            var nodes = await stack.NodesAsync();
            timeline.Observe(clock.Elapsed, nodes);
            if (condition(nodes))
            {
                return clock.Elapsed;
            }

            await Task.Delay(250, Cancel);
        }

        throw new TimeoutException($"The monitor did not reach the expected state within {SwitchTimeout.TotalSeconds:0} s: {string.Join("; ", await stack.NodesAsync())}");
    }

    private async Task AssertReadableAsync(IEnumerable<string> documents)
    {
        using var client = LoopbackClients.Create("127.0.0.1", stack.Certificate);
        foreach (var id in documents)
        {
            using var response = await client.GetAsync(new Uri(stack.Nginx, $"/api/documents/{id}"), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"document {id}: {(int)response.StatusCode}");
            // Under the edge's per-client rate limit.
            await Task.Delay(TimeSpan.FromMilliseconds(150), Cancel);
        }
    }

    // The documents the mixed load searches and asks about.

}
