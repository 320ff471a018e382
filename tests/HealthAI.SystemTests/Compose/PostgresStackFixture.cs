namespace HealthAI.Compose.Tests;

/// <summary>
/// The published compose stack on the PostgreSql engine: the <c>postgres</c> profile's pg_auto_failover
/// monitor and two data nodes, the replicas on the multi-host connection string, nginx and HAProxy in
/// front (each edge judges replicas from their answers in its own way, and a switch of primary makes every
/// replica refuse writes at once).
/// </summary>
public sealed class PostgresStackFixture : ComposeStackFixture
{
    public override string Project => "healthai-compose-postgres";

    protected override string Profiles => "postgres,haproxy";

    protected override IEnumerable<string> PublishSettings => ["HealthAI:KnowledgeBase:Engine=PostgreSql"];

    private MonitorSession? _monitor;

    /// <summary>What the monitor reports of every data node: name, reported state, goal state.</summary>
    public async Task<IReadOnlyList<(string Node, string Reported, string Goal)>> NodesAsync()
    {
        _monitor ??= new MonitorSession(await ContainerAsync("postgres-monitor"));
        var rows = await _monitor.QueryAsync("SELECT nodename, reportedstate, goalstate FROM pgautofailover.node ORDER BY nodename;",
            TestContext.Current.CancellationToken);
        return [.. rows.Where(fields => fields.Length == 3).Select(fields => (fields[0], fields[1], fields[2]))];
    }

    protected override async ValueTask StopWatchingAsync()
    {
        if (_monitor is { } monitor)
        {
            await monitor.DisposeAsync();
        }
    }
}
