using HealthAI.Api;
using HealthAI.Api.Ask;
using HealthAI.Api.Backups;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.Search;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiServices();
builder.AddKnowledgeBase();
builder.AddSearch();
builder.AddAsk();
builder.AddBackups();

var app = builder.Build();

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapServiceInfo();
app.MapEchoSocket();
app.MapKnowledgeBase();
app.MapSearch();
app.MapAsk();
app.MapBackups();

app.Run();

/// <summary>The API's entry point, visible to in-process tests.</summary>
public partial class Program;
