using HealthAI.Api;
using HealthAI.Api.Ask;
using HealthAI.Api.Backups;
using HealthAI.Api.Faults;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.Search;
using HealthAI.Api.StaticSite;
using HealthAI.ServiceDefaults;

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

/// <summary>The API's entry point, visible to in-process tests.</summary>
public partial class Program;
