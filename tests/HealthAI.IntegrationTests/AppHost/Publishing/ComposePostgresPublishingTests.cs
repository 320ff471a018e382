using System.Text.Json.Nodes;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// Published with <c>HealthAI:KnowledgeBase:Engine=PostgreSql</c>, the compose file runs the knowledge base on
/// pg_auto_failover under the <c>postgres</c> profile, and the replicas on PostgreSQL. The drill that runs it
/// is <c>PostgresFailoverTests</c> in the compose test project.
/// </summary>
public sealed class ComposePostgresPublishingTests(PublishedPostgresArtifacts published) : IClassFixture<PublishedPostgresArtifacts>
{
    private static readonly string[] Nodes = ["postgres-a", "postgres-b"];

    private JsonObject Published => field ??= YamlJson.Convert(File.ReadAllText(Path.Combine(published.Compose, "docker-compose.yaml")))!.AsObject();

    private JsonObject Services => Published["services"]!.AsObject();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Docker_compose_accepts_the_file_with_the_postgres_profile()
    {
        using var run = RunDirectory.Create("compose-postgres");
        var folder = new DirectoryInfo(run.Path);
        foreach (var file in Directory.EnumerateFiles(published.Compose, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.FullName, Path.GetRelativePath(published.Compose, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var template = File.ReadAllLines(Path.Combine(published.Compose, ".env.template"));
        Assert.Contains("COMPOSE_PROFILES=postgres", template);
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, ".env"), string.Concat(template.Select(line => line.EndsWith('=') ? $"{line}test-value\n" : $"{line}\n"))
            .Replace("HEALTHAI_SOURCE=../..\n", $"HEALTHAI_SOURCE={RepositoryPaths.Root}\n", StringComparison.Ordinal), Cancel);

        var result = await ToolRun.RunAsync("docker-compose", ["--project-directory", folder.FullName, "-f", Path.Combine(folder.FullName, "docker-compose.yaml"), "config", "-q"], folder.FullName, cancellationToken: Cancel);

        Assert.True(result.Succeeded, result.Output);
    }

    [Fact]
    public void The_monitor_and_two_data_nodes_run_under_the_profile_with_fixed_addresses_volumes_and_health_checks()
    {
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Nodes.Prepend("postgres-monitor"))
        {
            var service = Services[name]!;
            Assert.Equal(["postgres"], service["profiles"]!.AsArray().Select(p => p!.GetValue<string>()));
            Assert.Equal("healthai/pg-auto-failover:1.0.0", service["image"]!.GetValue<string>());
            Assert.Contains(name == "postgres-monitor" ? "pg_isready" : "ready", service["healthcheck"]!["test"]!.AsArray().Select(t => t!.GetValue<string>()));
            Assert.Contains($"{name}-data:/var/lib/postgresql", service["volumes"]!.AsArray().Select(v => v!.GetValue<string>()));
            var address = service["networks"]!["failover"]!["ipv4_address"]!.GetValue<string>();
            Assert.True(addresses.Add(address), $"{address} is given twice");
            Assert.Equal(address, service["environment"]!["NODE_HOSTNAME"]!.GetValue<string>());
            // Longer than pg_autoctl's 2 s, so that a busy host's stall does not take the standby out of the candidates.
            Assert.Equal("10", service["environment"]!["PGCONNECT_TIMEOUT"]!.GetValue<string>());
        }

        Assert.All(Nodes, node => Assert.Equal("service_healthy", Services[node]!["depends_on"]!["postgres-monitor"]!["condition"]!.GetValue<string>()));
        Assert.Contains("pgautofailover.node_considered_unhealthy_timeout=6000", Services["postgres-monitor"]!["environment"]!["PG_MONITOR_SETTINGS"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_replicas_and_the_data_nodes_share_the_database_network_and_only_the_nodes_and_exporter_the_failover_network()
    {
        var replicas = Services.Where(s => s.Key.StartsWith("healthai-app-", StringComparison.Ordinal)).ToList();
        string[] OnNetwork(string network) => [.. Services.Where(s => s.Value!["networks"]?[network] is not null).Select(s => s.Key).Order(StringComparer.Ordinal)];

        Assert.Equal(replicas.Select(s => s.Key).Concat(Nodes).Order(StringComparer.Ordinal), OnNetwork("database"));
        // The exporter reads the monitor there; the data nodes' pg_hba admits nothing from it.
        Assert.Equal(Nodes.Prepend("postgres-monitor").Append("postgres-exporter").Order(StringComparer.Ordinal), OnNetwork("failover"));
        Assert.True(Published["networks"]!["database"]!["internal"]!.GetValue<bool>());
        Assert.True(Published["networks"]!["failover"]!["internal"]!.GetValue<bool>());
        Assert.DoesNotContain(Nodes.Prepend("postgres-monitor"), node => Services[node]!["networks"]!["backend"] is not null);
        // pg_hba admits the role from exactly the replicas' fixed addresses on the database network.
        var admitted = replicas.Select(s => s.Value!["networks"]!["database"]!["ipv4_address"]!.GetValue<string>()).ToList();
        Assert.Equal(replicas.Count, admitted.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Nodes, node => Assert.Equal(string.Join(' ', admitted), Services[node]!["environment"]!["PG_CLIENT_ADDRESSES"]!.GetValue<string>()));
    }

    [Fact]
    public void Every_data_node_knows_every_data_nodes_failover_address_so_a_demoted_primary_can_be_rewound()
    {
        var addresses = Nodes.Select(node => Services[node]!["networks"]!["failover"]!["ipv4_address"]!.GetValue<string>()).ToList();

        Assert.All(Nodes, node => Assert.Equal(string.Join(' ', addresses), Services[node]!["environment"]!["PG_NODE_ADDRESSES"]!.GetValue<string>()));
    }

    [Fact]
    public void The_replicas_role_password_comes_from_the_environment_file_for_nodes_and_replicas_alike()
    {
        Assert.Contains("KNOWLEDGE_BASE_PASSWORD=", File.ReadAllLines(Path.Combine(published.Compose, ".env.template")));
        Assert.All(Nodes, node => Assert.StartsWith("${KNOWLEDGE_BASE_PASSWORD:?", Services[node]!["environment"]!["PG_PASSWORD"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(Services.Where(s => s.Key.StartsWith("healthai-app-", StringComparison.Ordinal)), replica =>
            Assert.EndsWith(";Password=${KNOWLEDGE_BASE_PASSWORD:?set KNOWLEDGE_BASE_PASSWORD in .env}", replica.Value!["environment"]!["KnowledgeBase__ConnectionString"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_exporter_reads_the_monitor_from_its_fixed_failover_address_and_prometheus_finds_it_by_name()
    {
        var exporter = Services["postgres-exporter"]!;
        var monitor = Services["postgres-monitor"]!["environment"]!;

        Assert.Equal(["postgres"], exporter["profiles"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(["backend", "failover"], exporter["networks"]!.AsObject().Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Equal(monitor["PG_EXPORTER_ADDRESS"]!.GetValue<string>(), exporter["networks"]!["failover"]!["ipv4_address"]!.GetValue<string>());
        Assert.StartsWith($"postgresql://{monitor["PG_EXPORTER_USER"]!.GetValue<string>()}@postgres-monitor:5432/pg_auto_failover?", exporter["environment"]!["DATA_SOURCE_NAME"]!.GetValue<string>(), StringComparison.Ordinal);
        var prometheus = File.ReadAllText(Path.Combine(published.Compose, "prometheus", "prometheus.yml"));
        Assert.Contains("job_name: pg-auto-failover", prometheus, StringComparison.Ordinal);
        Assert.Contains("- postgres-exporter", prometheus, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_services_outweigh_every_other_service_for_CPU_and_the_replicas_pools_fit_a_node()
    {
        var database = Nodes.Prepend("postgres-monitor").ToHashSet(StringComparer.Ordinal);
        foreach (var (name, service) in Services)
        {
            var shares = service!["cpu_shares"]?.GetValue<long>() ?? 1024;
            Assert.True(database.Contains(name) ? shares > 1024 : shares <= 1024, $"{name}: cpu_shares {shares}");
        }

        // PostgreSQL's max_connections (100), less its 3 superuser slots and the keepers', monitor's and exporter's sessions.
        var replicas = Services.Count(s => s.Key.StartsWith("healthai-app-", StringComparison.Ordinal));
        Assert.InRange(replicas * HealthAI.Api.KnowledgeBase.Storage.PostgreSqlStore.ConnectionsPerServer, 1, 100 - 3 - 10);
    }

    [Fact]
    public void The_replicas_run_on_PostgreSql_wait_for_both_data_nodes_and_mount_no_data_volume()
    {
        foreach (var replica in Services.Where(s => s.Key.StartsWith("healthai-app-", StringComparison.Ordinal)).Select(s => s.Value!))
        {
            Assert.Equal("PostgreSql", replica["environment"]!["KnowledgeBase__Engine"]!.GetValue<string>());
            Assert.StartsWith("${KNOWLEDGE_BASE_CONNECTION_STRING:?", replica["environment"]!["KnowledgeBase__ConnectionString"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.All(Nodes, node => Assert.Equal("service_healthy", replica["depends_on"]![node]!["condition"]!.GetValue<string>()));
            Assert.DoesNotContain(replica["volumes"]!.AsArray(), v => v!.GetValue<string>().EndsWith(":/app/data", StringComparison.Ordinal));
        }

        Assert.Contains(File.ReadAllLines(Path.Combine(published.Compose, ".env.template")),
            line => line.StartsWith("KNOWLEDGE_BASE_CONNECTION_STRING=Host=postgres-a,postgres-b;", StringComparison.Ordinal));
    }
}
