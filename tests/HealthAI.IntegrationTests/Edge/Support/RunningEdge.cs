using System.Diagnostics;
using System.Net.Sockets;
using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;
using HealthAI.Hosting;

namespace HealthAI.Edge.Tests.Support;

/// <summary>
/// One real nginx or HAProxy host process with a rendered config, in front of one <see cref="RecordingReplica"/>,
/// on free loopback ports. Only the allow-list's 127.0.0.1 is an insider; other loopback addresses are outsiders.
/// </summary>
internal sealed class RunningEdge : IAsyncDisposable
{
    public const string Insider = "127.0.0.1";

    private readonly Process _process;
    private readonly TempDirectory _run;

    private RunningEdge(Process process, TempDirectory run, EdgePolicy policy, RecordingReplica replica)
    {
        _process = process;
        _run = run;
        Policy = policy;
        Replica = replica;
    }

    public EdgePolicy Policy { get; }

    public RecordingReplica Replica { get; }

    /// <summary>Where clients send requests: HTTPS with TLS, else plain HTTP.</summary>
    public Uri Endpoint => Policy.Tls is null ? HttpEndpoint : new($"https://127.0.0.1:{Policy.Listeners.HttpsPort}");

    public Uri HttpEndpoint => new($"http://127.0.0.1:{Policy.Listeners.HttpPort}");

    public string ErrorLog => File.Exists(Policy.HostPaths.ErrorLogFile) ? File.ReadAllText(Policy.HostPaths.ErrorLogFile) : "";

    /// <summary>Starts <paramref name="tool"/> with the default policy, adjusted by <paramref name="adjust"/>.</summary>
    public static async Task<RunningEdge> StartAsync(string tool, Func<EdgePolicy, EdgePolicy>? adjust = null, bool tls = false, CancellationToken cancellationToken = default)
    {
        var edgeTool = tool == "nginx" ? EdgeTool.Nginx : EdgeTool.Haproxy;
        var replica = await RecordingReplica.StartAsync(cancellationToken);
        var run = new TempDirectory();
        // The workers of a root master run as nobody, which must reach the temp directories.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(run.Path, (UnixFileMode)0b111_101_101);
        }
        var paths = new EdgeHostPaths(run.Path);
        Directory.CreateDirectory(paths.DefaultStaticDirectory);
        var certificate = tls ? edgeTool.Tls(EdgeCertificate.EnsureIn(run.Path, TimeProvider.System)) : null;
        var policy = EdgePolicy.Default([new Upstream("replica-1", "127.0.0.1", replica.Port)], paths, "correct-horse-battery", certificate) with
        {
            Listeners = new EdgeListeners { PublicAddresses = ["127.0.0.1"], HttpPort = LoopbackPorts.Resolve(0), HttpsPort = LoopbackPorts.Resolve(0) },
            Status = new StatusEndpointPolicy("correct-horse-battery") { Address = "127.0.0.1", Port = LoopbackPorts.Resolve(0) },
            Access = new AccessPolicy { AllowedNetworks = ["127.0.0.1/32"] },
        };
        policy = adjust?.Invoke(policy) ?? policy;
        var file = Path.Combine(run.Path, tool == "nginx" ? "nginx.conf" : "haproxy.cfg");
        await File.WriteAllTextAsync(file, tool == "nginx" ? NginxConfigRenderer.Render(policy) : HaproxyConfigRenderer.Render(policy), cancellationToken);
        var start = new ProcessStartInfo(tool == "nginx" ? "/usr/sbin/nginx" : "/usr/sbin/haproxy") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in edgeTool.HostArguments(run.Path, file))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var edge = new RunningEdge(process, run, policy, replica);
        await edge.WaitUntilListeningAsync(cancellationToken);
        return edge;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The edge exited with {_process.ExitCode}:\n{ErrorLog}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Endpoint.Port, cancellationToken);
                // HAProxy's first health check must see the replica before a request is sent.
                await Task.Delay(300, cancellationToken);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // This test's own process (and its workers, which leave when their master does).
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await Replica.DisposeAsync();
        _run.Dispose();
    }
}
