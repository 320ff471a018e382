using HealthAI.Api.Ask;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthAI.Bench.Semantic;

/// <summary>The API's services on a SQLite folder, wired as the API wires them, without serving HTTP or starting the worker.</summary>
internal sealed class SemanticHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SemanticHost(WebApplication app) => _app = app;

    public static SemanticHost Create(string folder, string provider)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["KnowledgeBase:DataDirectory"] = Path.Combine(folder, "data");
        builder.Configuration["Backups:Directory"] = Path.Combine(folder, "backups");
        builder.Configuration["Embeddings:Provider"] = provider;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.AddKnowledgeBase();
        builder.AddSearch();
        builder.AddAsk();
        return new SemanticHost(builder.Build());
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
