using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HealthAI.AppHost.Publishing.Compose;
using HealthAI.Chaos.Workload;
using HealthAI.Hosting;

namespace HealthAI.Compose.Tests;

/// <summary>
/// The published compose stack, running: published by the AppHost's real publish step, its images built
/// by <c>scripts/build-images.sh</c> (what <c>./healthai images</c> runs), started with docker-compose
/// (1.29 here; Compose v2 elsewhere) with the HAProxy profile, every service healthy. Ports are on
/// 127.0.0.1 only and apart from <c>./healthai up</c>'s. Loopback traffic reaches an edge from the
/// frontend network's gateway, so the stack is published with an allow-list of the backend subnet
/// only: the tests are outsiders, the exporter and Prometheus are not.
/// </summary>
public class ComposeStackFixture : IAsyncLifetime
{
    public const string ProjectName = "healthai-compose-tests";
    public const int NginxHttpsPort = 18443;
    public const int HaproxyHttpsPort = 18444;
    public const int PrometheusPort = 19090;
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromMinutes(3);

    private readonly RunDirectory _root = RunDirectory.Create("compose");

    /// <summary>The compose project (containers, networks and volumes are named after it).</summary>
    public virtual string Project => ProjectName;

    /// <summary>The compose profiles the stack runs with.</summary>
    protected virtual string Profiles => "haproxy";

    /// <summary>HealthAI settings the stack is published with, beyond the tests' allow-list.</summary>
    protected virtual IEnumerable<string> PublishSettings => [];

    /// <summary>The published compose folder (with its .env and TLS files).</summary>
    public string ComposeDirectory => Path.Combine(_root.Path, "compose");

    public X509Certificate2 Certificate { get; private set; } = null!;

    /// <summary>The <c>/backup</c> token the stack was started with.</summary>
    public string AdminToken => _environment["BACKUP_ADMIN_TOKEN"];

    /// <summary>A value of the stack's <c>.env</c>.</summary>
    public string Environment(string variable) => _environment[variable];

    /// <summary>The token writes need.</summary>
    public string EditorToken => _environment["EDITOR_TOKEN"];

    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public TimeSpan ImageBuildTime { get; private set; }

    public string ImageBuildReport { get; private set; } = "";

    public TimeSpan TimeToHealthy { get; private set; }

    public Uri Nginx { get; } = new($"https://localhost:{NginxHttpsPort}/");

    public Uri Haproxy { get; } = new($"https://localhost:{HaproxyHttpsPort}/");

    public Uri Prometheus { get; } = new($"http://127.0.0.1:{PrometheusPort}/");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var docker = await ToolRun.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], cancellationToken: Cancel);
        if (!docker.Succeeded)
        {
            throw new InvalidOperationException($"No Docker daemon answers (`./healthai test` starts one when it can): {docker.Output}");
        }

        await PublishAsync(HealthAIImageTags.Tag);
        await File.WriteAllTextAsync(Path.Combine(ComposeDirectory, ".env"), await EnvironmentAsync(), Cancel);
        // A stack left over by an aborted run (same project name) would hold the ports.
        await ComposeAsync(["down", "--volumes", "--remove-orphans"], check: false);
        var certificate = EdgeCertificate.EnsureIn(Path.Combine(ComposeDirectory, "tls"), TimeProvider.System);
        // The edges run as unprivileged users (www-data, haproxy) that must read the key.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(certificate.KeyPath, Readable);
            File.SetUnixFileMode(certificate.CombinedPemPath, Readable);
        }

        Certificate = certificate.Load();

        var clock = Stopwatch.StartNew();
        var build = await Run("bash", [RepositoryPaths.Of("scripts", "build-images.sh"), "--compose-dir", ComposeDirectory]);
        ImageBuildTime = clock.Elapsed;
        ImageBuildReport = build;

        clock.Restart();
        await ComposeAsync(["up", "--detach"]);
        await WaitHealthyAsync(HealthyTimeout);
        TimeToHealthy = clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await StopWatchingAsync();
        // The containers' own logs go when the stack does; they are what explains a failed drill afterwards.
        var logs = await ComposeAsync(["logs", "--no-color", "--timestamps"], check: false);
        Directory.CreateDirectory(RepositoryPaths.Of("artifacts", "compose-tests"));
        await File.WriteAllTextAsync(RepositoryPaths.Of("artifacts", "compose-tests", $"{Project}.log"), logs.Output, CancellationToken.None);
        await ComposeAsync(["down", "--volumes", "--remove-orphans"], check: false);
        Certificate?.Dispose();
        _root.Dispose();
    }

    /// <summary>Publishes the app model into the stack's folder, naming <paramref name="apiTag"/> for the API image.</summary>
    public Task PublishAsync(string apiTag, params string[] settings) => Run("dotnet",
    [
        "run", "--project", RepositoryPaths.Of("HealthAI.AppHost"), "--no-build", "--no-launch-profile", "--",
        "--operation", "publish", "--step", "publish", "--output-path", _root.Path,
        $"HealthAI:Publish:ImageTag={apiTag}",
        $"HealthAI:Edges:AllowedNetworks:0={ComposeAddresses.BackendSubnet}",
        .. PublishSettings,
        .. settings,
    ]);

    /// <summary>Runs docker-compose on the stack; fails with its output unless <paramref name="check"/> is off.</summary>
    public async Task<ToolResult> ComposeAsync(IEnumerable<string> arguments, bool check = true)
    {
        if (!Directory.Exists(ComposeDirectory))
        {
            return new ToolResult(0, "");
        }

        var result = await ToolRun.RunAsync("docker-compose", ["--project-directory", ComposeDirectory, "-f", Path.Combine(ComposeDirectory, "docker-compose.yaml"), .. arguments], ComposeDirectory, cancellationToken: Cancel);
        if (check && !result.Succeeded)
        {
            throw new InvalidOperationException($"docker-compose {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result;
    }

    /// <summary>The container id of <paramref name="service"/>.</summary>
    public async Task<string> ContainerAsync(string service) => (await ComposeAsync(["ps", "-q", service])).Output.Trim();

    /// <summary>Ends what a stack keeps open on its containers (a session on a service) before the stack goes.</summary>
    protected virtual ValueTask StopWatchingAsync() => ValueTask.CompletedTask;

    /// <summary><c>docker inspect --format</c> of a container.</summary>
    public static async Task<string> InspectAsync(string container, string format) =>
        (await Run("docker", ["inspect", "--format", format, container])).Trim();

    /// <summary>The chaos corpus's seeded documents, ingested through nginx a little apart (under the per-client rate limit).</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        using var client = LoopbackClients.Create("127.0.0.1", Certificate);
        client.DefaultRequestHeaders.Authorization = new("Bearer", EditorToken);
        foreach (var document in ChaosCorpus.Documents.Take(ChaosCorpus.SeededCount))
        {
            using var request = MixedLoad.IngestRequest(Nginx, document);
            using var response = await client.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Waits with deploy/lib/compose.sh's own wait until every container (or those of <paramref name="services"/>) is healthy.</summary>
    public Task WaitHealthyAsync(TimeSpan timeout, params string[] services) => Run("bash",
    [
        "-c", "compose_dir=$1; . \"$2\"; shift 2; wait_healthy \"$@\"", "wait",
        ComposeDirectory, RepositoryPaths.Of("deploy", "lib", "compose.sh"),
        ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), .. services,
    ]);

    /// <summary>Runs a command in the repository; fails with its output when it fails.</summary>
    public static async Task<string> Run(string command, IEnumerable<string> arguments)
    {
        var result = await ToolRun.RunAsync(command, arguments, RepositoryPaths.Root, cancellationToken: Cancel);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.Output;
    }

    // Every secret the template asks for gets a fresh random value; then this stack's own knobs.
    private async Task<string> EnvironmentAsync()
    {
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(ComposeDirectory, ".env.template"), Cancel))
        {
            if (line.Length > 0 && !line.StartsWith('#') && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals)
            {
                _environment[line[..equals]] = equals == line.Length - 1 ? RandomHex(16) : line[(equals + 1)..];
            }
        }

        foreach (var (key, value) in new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["COMPOSE_PROJECT_NAME"] = Project,
            // The HAProxy edge runs beside nginx, so every drill is proved through both.
            ["COMPOSE_PROFILES"] = Profiles,
            ["HEALTHAI_SOURCE"] = RepositoryPaths.Root,
            ["EDGE_ADDRESS"] = "127.0.0.1",
            ["NGINX_HTTP_PORT"] = "18080",
            ["NGINX_HTTPS_PORT"] = NginxHttpsPort.ToString(CultureInfo.InvariantCulture),
            ["HAPROXY_HTTP_PORT"] = "18081",
            ["HAPROXY_HTTPS_PORT"] = HaproxyHttpsPort.ToString(CultureInfo.InvariantCulture),
            ["PROMETHEUS_PORT"] = PrometheusPort.ToString(CultureInfo.InvariantCulture),
            ["GRAFANA_PORT"] = "13000",
        })
        {
            _environment[key] = value;
        }

        return string.Concat(_environment.Select(e => $"{e.Key}={e.Value}\n"));
    }

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
