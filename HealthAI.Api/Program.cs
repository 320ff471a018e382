using HealthAI.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapServiceInfo();
app.MapEchoSocket();

app.Run();

/// <summary>The API's entry point, visible to in-process tests.</summary>
public partial class Program;
