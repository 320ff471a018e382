using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using HealthAI.Hosting;
using HealthAI.Testing;
using HealthAI.Testing.Load;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.Chaos.Workload;

/// <summary>
/// Offers the mixed load to every edge from the moment the app starts, before anything listens, and notes
/// when each primary turned ready, on the same clock: what a quick user or a health probe sees while the
/// system comes up. Refused connections before an edge listens are expected; anything else is not.
/// </summary>
internal sealed class StartupProbe : IAsyncDisposable
{
    // Apart from the blocks the drills use (127.100 and up): this load starts before any of them.
    private readonly SourceAddresses _addresses = new(firstSecondOctet: 90);
    private readonly Dictionary<string, OpenLoopLoad> _loads = [];
    private readonly Dictionary<string, TimeSpan> _ready = [];
    private readonly List<Task> _watchers = [];

    public const double RequestsPerSecond = 20;
    private const int Clients = 4;

    public IReadOnlyDictionary<string, OpenLoopLoad> Loads => _loads;

    /// <summary>When each primary and edge reported healthy, on each edge load's clock (they start together).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Ready
    {
        get
        {
            lock (_ready)
            {
                return new Dictionary<string, TimeSpan>(_ready);
            }
        }
    }

    /// <summary>Starts the loads and the readiness watchers; call once the app is built, before it starts.</summary>
    public void Start(DistributedApplication app)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        // The launcher gives the editor token as the parameter's value; the mix's ingests need it.
        var editorToken = app.Services.GetRequiredService<IConfiguration>()[$"Parameters:{AppHostLauncher.EditorTokenParameter}"];
        foreach (var edge in HealthAITopology.Edges)
        {
            var resource = (IEdgeResource)model.Resources.Single(r => r.Name == edge);
            var port = resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == EdgeConfiguration.HttpsEndpointName).Port
                ?? throw new InvalidOperationException($"{edge} has no fixed HTTPS port.");
            var plan = new LoadPlan(new Uri($"https://localhost:{port}/"), RequestsPerSecond, TimeSpan.FromMinutes(5), _addresses.Next(Clients))
            {
                Mix = MixedLoad.Mix,
                BearerToken = editorToken,
            };
            _loads[edge] = OpenLoopLoad.Start(plan, resource.Configuration.Certificate?.Load());
        }

        var clock = _loads[HealthAITopology.Edges[0]];
        foreach (var name in HealthAITopology.Primaries.Concat(HealthAITopology.Edges))
        {
            _watchers.Add(Task.Run(async () =>
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(name);
                lock (_ready)
                {
                    _ready[name] = clock.Elapsed;
                }
            }));
        }
    }

    public async Task StopAsync()
    {
        await Task.WhenAll(_loads.Values.Select(load => load.StopAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var load in _loads.Values)
        {
            await load.DisposeAsync();
        }
    }
}
