using HealthAI.Api;
using HealthAI.Api.Ask;
using HealthAI.Api.Backups;
using HealthAI.Api.Faults;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.Search;
using HealthAI.Api.StaticSite;
using HealthAI.ServiceDefaults;

// Container health checks run the service's own binary: the ASP.NET image has no curl.
if (HealthProbe.IsRequested(args, out var probeTarget))
{
    return await HealthProbe.RunAsync(probeTarget);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiServices();
builder.AddFaults();
builder.AddKnowledgeBase();
builder.AddSearch();
builder.AddAsk();
builder.AddBackups();

var app = builder.Build();

app.UseApiPipeline();
app.UseStaticSite();
app.MapDefaultEndpoints();
app.MapServiceInfo();
app.MapEchoSocket();
app.MapKnowledgeBase();
app.MapSearch();
app.MapAsk();
app.MapBackups();
app.MapFaults();

await app.RunAsync();
return 0;

/// <summary>The API's entry point, visible to in-process tests.</summary>
public partial class Program;
