using HealthAI.Api;
using HealthAI.Api.Ask;
using HealthAI.Api.Backups;
using HealthAI.Api.Faults;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.Search;
using HealthAI.Api.Semantic;
using HealthAI.Api.StaticSite;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiServices();
builder.AddFaults();
builder.AddKnowledgeBase();
// Before search: the embedding worker's start loads the model and the vectors hybrid search uses.
builder.AddSemantic();
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
app.MapSemantic();
app.MapSearch();
app.MapAsk();
app.MapBackups();
app.MapFaults();

await app.RunAsync();

/// <summary>The API's entry point, visible to in-process tests.</summary>
public partial class Program;
