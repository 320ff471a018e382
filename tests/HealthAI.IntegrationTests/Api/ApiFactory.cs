using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace HealthAI.Api.Tests;

/// <summary>
/// The API in process, with settings a test chooses. Unless a test names them, the data and backups
/// folders are fresh temporary ones, removed with the factory, so no test writes into the repository.
/// </summary>
// Any type of the API's assembly names its entry point; Program alone is ambiguous beside the AppHost's.
internal sealed class ApiFactory : WebApplicationFactory<HealthAI.Api.KnowledgeBase.Storage.KnowledgeBaseOptions>
{
    /// <summary>The editor token every test replica accepts; its clients send it unless made anonymous.</summary>
    public const string EditorToken = "test-editor-token-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly TempDirectory? _ownFolder;

    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _services;

    public ApiFactory(IDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (!_settings.ContainsKey("KnowledgeBase:DataDirectory") || !_settings.ContainsKey("Backups:Directory"))
        {
            _ownFolder = new TempDirectory();
            _settings.TryAdd("KnowledgeBase:DataDirectory", Path.Combine(_ownFolder.Path, "data"));
            _settings.TryAdd("Backups:Directory", Path.Combine(_ownFolder.Path, "backups"));
        }

        _settings.TryAdd("KnowledgeBase:EditorToken", EditorToken);

        // Stopping a replica waits out its drain period; tests that do not drain should not pay it.
        _settings.TryAdd("Replica:DrainPeriod", "00:00:00");

        // A test machine's disk may be small; free-space warnings are tested on purpose, not by accident.
        _settings.TryAdd("KnowledgeBase:MinFreeBytes", "0");
        _settings.TryAdd("Backups:MinFreeBytes", "0");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _ownFolder?.Dispose();
    }

    /// <summary>A client without any token: what an outsider sends.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    // Most tests write: their clients are editors. Anonymous and admin clients replace the header.
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EditorToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
