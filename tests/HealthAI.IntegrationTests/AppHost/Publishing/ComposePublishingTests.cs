using System.Text.Json.Nodes;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Tests.Publishing;

public sealed class ComposePublishingTests(PublishedArtifacts published) : IClassFixture<PublishedArtifacts>
{
    private static readonly string[] ApiServices = ["healthai-app-1", "healthai-app-2", "healthai-app-3", "healthai-app-backup"];

    private JsonObject Compose => field ??= YamlJson.Convert(File.ReadAllText(Path.Combine(published.Compose, "docker-compose.yaml")))!.AsObject();

    private JsonObject Services => Compose["services"]!.AsObject();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Docker_compose_accepts_the_published_file()
    {
        var result = await ComposeConfigAsync(published.Compose, EveryValueSet());

        Assert.True(result.Succeeded, result.Output);
    }

    [Fact]
    public async Task Docker_compose_rejects_a_key_the_Compose_file_format_does_not_have()
    {
        using var broken = new PublishedCopy(published.Compose);
        broken.Write("docker-compose.yaml", broken.Read("docker-compose.yaml").Replace("    restart: unless-stopped\n", "    restart_policy_typo: always\n", StringComparison.Ordinal));

        var result = await ComposeConfigAsync(broken.Folder, EveryValueSet());

        Assert.False(result.Succeeded, "docker-compose accepted a file with an unknown service key");
        Assert.Contains("restart_policy_typo", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_compose_refuses_to_start_while_a_secret_is_unset()
    {
        var result = await ComposeConfigAsync(published.Compose, File.ReadAllText(Path.Combine(published.Compose, ".env.template")));

        Assert.False(result.Succeeded, "docker-compose accepted the file with empty secrets");
        Assert.Matches(@"set (BACKUP_ADMIN_TOKEN|EDITOR_TOKEN|GRAFANA_ADMIN_PASSWORD|HAPROXY_STATS_PASSWORD) in \.env", result.Output);
    }

    // docker-compose 1.29 is Debian 12's client and the strictest one: what it accepts Compose v2 accepts too.
    // `config` reads and validates only; it needs no daemon.
    private static async Task<ToolResult> ComposeConfigAsync(string folder, string environmentFile)
    {
        using var copy = new PublishedCopy(folder);
        copy.Write(".env", environmentFile);
        return await ToolRun.RunAsync("docker-compose", ["--project-directory", copy.Folder, "-f", Path.Combine(copy.Folder, "docker-compose.yaml"), "config", "-q"], copy.Folder, cancellationToken: Cancel);
    }

    private string EveryValueSet() =>
        string.Concat(File.ReadAllLines(Path.Combine(published.Compose, ".env.template"))
            .Select(line => line.EndsWith('=') ? $"{line}test-value\n" : $"{line}\n"))
        // docker-compose checks that every build context exists: they are in this repository.
        .Replace("HEALTHAI_SOURCE=../..\n", $"HEALTHAI_SOURCE={RepositoryPaths.Root}\n", StringComparison.Ordinal);

    /// <summary>A scratch copy of the published compose folder, so a test can change or add files.</summary>
    private sealed class PublishedCopy : IDisposable
    {
        public PublishedCopy(string source)
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Folder { get; } = RunDirectory.Create("compose").Path;

        public string Read(string file) => File.ReadAllText(Path.Combine(Folder, file));

        public void Write(string file, string content) => File.WriteAllText(Path.Combine(Folder, file), content);

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    [Fact]
    public void Only_the_edges_are_published_to_the_world()
    {
        foreach (var (name, service) in Services)
        {
            var ports = service!["ports"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
            if (name is "nginx" or "haproxy")
            {
                Assert.Equal(2, ports.Count);
            }
            else
            {
                Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
            }
        }

        Assert.True(Compose["networks"]!["backend"]!["internal"]!.GetValue<bool>());
        Assert.All(ApiServices, api => Assert.Equal(["backend"], Services[api]!["networks"]!.AsObject().Select(n => n.Key)));
    }

    [Fact]
    public void The_edges_hold_bodies_in_a_bounded_tmpfs()
    {
        foreach (var edge in new[] { "nginx", "haproxy" })
        {
            Assert.Equal([$"/tmp/healthai-edge:size={HealthAI.AppHost.Publishing.DeployedConfigurations.EdgeRunDirectoryMiB}m"], Services[edge]!["tmpfs"]!.AsArray().Select(t => t!.GetValue<string>()));
        }

        Assert.Contains("proxy_max_temp_file_size 0;", File.ReadAllText(Path.Combine(published.Compose, "nginx", "nginx.conf")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_API_service_keeps_one_fixed_address_so_that_the_edges_never_send_to_a_stale_one()
    {
        var addresses = ApiServices.Select(api => Services[api]!["networks"]!["backend"]!["ipv4_address"]!.GetValue<string>()).ToList();

        Assert.Equal(ApiServices.Length, addresses.Distinct().Count());
        var pool = Compose["networks"]!["backend"]!["ipam"]!["config"]![0]!;
        Assert.Equal(HealthAI.AppHost.Publishing.Compose.ComposeAddresses.BackendSubnet, pool["subnet"]!.GetValue<string>());
        // Docker hands out the upper half to the others, so a stopped replica's address stays free.
        Assert.All(addresses, address => Assert.InRange(int.Parse(address.Split('.')[3], System.Globalization.CultureInfo.InvariantCulture), 1, 127));
        Assert.Equal("10.231.0.128/25", pool["ip_range"]!.GetValue<string>());
    }

    [Fact]
    public void Every_API_service_has_a_health_check_that_works_in_its_image_and_the_edges_wait_for_it()
    {
        foreach (var api in ApiServices)
        {
            var test = Services[api]!["healthcheck"]!["test"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            Assert.DoesNotContain("curl", test);
            // wget is in the API image's first layer (HealthAI.Api/Dockerfile), as in every image the project builds.
            Assert.Equal(["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/readyz"], test);
            Assert.Null(Services[api]!["container_name"]);
        }

        var dependencies = Services["nginx"]!["depends_on"]!.AsObject();
        Assert.Equal(["healthai-app-1", "healthai-app-2", "healthai-app-3"], dependencies.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.All(dependencies, d => Assert.Equal("service_healthy", d.Value!["condition"]!.GetValue<string>()));
        Assert.Equal(["haproxy"], Services["haproxy"]!["profiles"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public void Secrets_have_no_defaults_and_data_lives_on_named_volumes()
    {
        Assert.StartsWith("${GRAFANA_ADMIN_PASSWORD:?", Services["grafana"]!["environment"]!["GF_SECURITY_ADMIN_PASSWORD"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("${BACKUP_ADMIN_TOKEN:?", Services["healthai-app-1"]!["environment"]!["Backups__AdminToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("${EDITOR_TOKEN:?", Services["healthai-app-backup"]!["environment"]!["KnowledgeBase__EditorToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("healthai-data", Compose["volumes"]!.AsObject().Select(v => v.Key));
        Assert.Contains("healthai-data:/app/data", Services["healthai-app-2"]!["volumes"]!.AsArray().Select(v => v!.GetValue<string>()));
        var template = File.ReadAllText(Path.Combine(published.Compose, ".env.template"));
        Assert.Contains("GRAFANA_ADMIN_PASSWORD=\n", template, StringComparison.Ordinal);
        Assert.Contains("EDITOR_TOKEN=\n", template, StringComparison.Ordinal);
    }

    [Fact]
    public void The_API_image_is_pinned()
    {
        Assert.All(Services, service => Assert.DoesNotMatch(":latest$|^[^:]+$", service.Value!["image"]!.GetValue<string>()));
    }

    [Fact]
    public void Every_service_but_Grafana_runs_an_image_the_project_builds_from_one_base_argument()
    {
        foreach (var (name, service) in Services.Where(s => s.Key != "grafana"))
        {
            var build = service!["build"];
            Assert.True(build is not null, $"{name} has no build section");
            Assert.StartsWith("healthai/", service["image"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("${HEALTHAI_BASE_IMAGE:-debian:bookworm-slim}", build["args"]!["BASE_IMAGE"]!.GetValue<string>());
            var context = build["context"]!.GetValue<string>().Replace("${HEALTHAI_SOURCE:-../..}/", "", StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, context, "Dockerfile")), $"{name}: no Dockerfile in {context}");
        }

        Assert.Equal(["grafana"], Services["grafana"]!["profiles"]!.AsArray().Select(p => p!.GetValue<string>()));
    }
}
