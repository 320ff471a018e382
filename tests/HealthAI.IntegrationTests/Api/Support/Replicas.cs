using System.Net.Http.Headers;

namespace HealthAI.Api.Tests;

/// <summary>
/// Several in-process replicas of the API sharing one data folder and one backups folder, as the
/// four replicas of one host do.
/// </summary>
internal sealed class Replicas : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789";

    /// <summary>The key every replica of a test seals its backups' manifests with, unless the settings give another.</summary>
    public const string ManifestKey = "test-manifest-key-0123456789abcdef0123";
    private readonly TempDirectory _shared = new();
    private readonly List<ApiFactory> _factories = [];

    public Replicas(int count, IDictionary<string, string?>? settings = null)
    {
        Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        for (var i = 1; i <= count; i++)
        {
            var replica = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["APP_INSTANCE"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["KnowledgeBase:DataDirectory"] = DataDirectory,
            };
            // A test may point replicas at another set's backups.
            replica.TryAdd("Backups:Directory", BackupsDirectory);
            replica.TryAdd("Backups:AdminToken", AdminToken);
            replica.TryAdd("Backups:ManifestKey", ManifestKey);
            _factories.Add(new ApiFactory(replica));
        }

        Clients = [.. _factories.Select(factory => factory.CreateClient())];
        Anonymous = [.. _factories.Select(factory => factory.CreateAnonymousClient())];
        Admins = [.. _factories.Select(factory =>
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            return client;
        })];
    }

    /// <summary>The settings every replica shares (the engine's among them).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public string DataDirectory => Path.Combine(_shared.Path, "data");

    public string BackupsDirectory => Path.Combine(_shared.Path, "backups");

    /// <summary>Clients that carry the editor token.</summary>
    public IReadOnlyList<HttpClient> Clients { get; }

    /// <summary>Clients without any token.</summary>
    public IReadOnlyList<HttpClient> Anonymous { get; }

    /// <summary>Clients that carry the admin token.</summary>
    public IReadOnlyList<HttpClient> Admins { get; }

    public IReadOnlyList<ApiFactory> Factories => _factories;

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_factories.Select(factory => factory.DisposeAsync().AsTask()));

        _shared.Dispose();
    }
}
