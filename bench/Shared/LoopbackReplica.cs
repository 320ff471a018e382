using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.Bench;

/// <summary>
/// One replica of the API, its own <c>Program</c> with everything it maps, served by Kestrel on a loopback
/// port inside this process: the benchmarks call it over real HTTP, so they measure what a client gets
/// (routing, validation, JSON), and they can still reach its services for what has no endpoint.
/// </summary>
internal sealed class LoopbackReplica : IAsyncDisposable
{
    public const string EditorToken = "bench-editor-token-0123456789";

    private readonly WebApplicationFactory<Program> _factory;

    private LoopbackReplica(WebApplicationFactory<Program> factory, HttpClient client)
    {
        _factory = factory;
        Client = client;
    }

    /// <summary>An HTTP client for the replica's address that carries the editor token.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts a replica whose data and backups live in <paramref name="folder"/>, on PostgreSQL when
    /// <paramref name="connectionString"/> is given, with <paramref name="settings"/> on top.
    /// </summary>
    public static LoopbackReplica Start(string folder, string? connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["KnowledgeBase:DataDirectory"] = Path.Combine(folder, "data"),
            ["Backups:Directory"] = Path.Combine(folder, "backups"),
            ["Backups:SnapshotBeforeRestore"] = "false",
            ["KnowledgeBase:EditorToken"] = EditorToken,
            ["KnowledgeBase:MinFreeBytes"] = "0",
            ["Backups:MinFreeBytes"] = "0",
            ["Replica:DrainPeriod"] = "00:00:00",
            // Figures go to the console; the replica's own start-up lines would mix with them.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        if (connectionString is not null)
        {
            all["KnowledgeBase:Engine"] = "PostgreSql";
            all["KnowledgeBase:ConnectionString"] = connectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            // A port of the system's choosing: with no address Kestrel takes localhost:5000, and two benchmarks
            // on one machine (or anything else there) would then collide.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            foreach (var (key, value) in all)
            {
                builder.UseSetting(key, value);
            }
        });
        // On Kestrel, the factory's client talks to the loopback port over sockets.
        factory.UseKestrel();
        factory.StartServer();
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EditorToken);
        return new LoopbackReplica(factory, client);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
