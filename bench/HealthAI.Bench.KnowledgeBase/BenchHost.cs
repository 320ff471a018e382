using HealthAI.Api.Ask;
using HealthAI.Api.Backups;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthAI.Bench.KnowledgeBase;

/// <summary>The API's services wired exactly as the API wires them, without serving HTTP.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchHost(WebApplication app) => _app = app;

    /// <summary>The API's services on <paramref name="folder"/>, and on PostgreSQL when <paramref name="connectionString"/> is given.</summary>
    public static BenchHost Create(string folder, string? connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        if (connectionString is not null)
        {
            builder.Configuration["KnowledgeBase:Engine"] = nameof(KnowledgeBaseEngine.PostgreSql);
            builder.Configuration["KnowledgeBase:ConnectionString"] = connectionString;
        }

        builder.Configuration["KnowledgeBase:DataDirectory"] = Path.Combine(folder, "data");
        builder.Configuration["Backups:Directory"] = Path.Combine(folder, "backups");
        builder.Configuration["Backups:SnapshotBeforeRestore"] = "false";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.AddKnowledgeBase();
        builder.AddSearch();
        builder.AddAsk();
        builder.AddBackups();
        return new BenchHost(builder.Build());
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
