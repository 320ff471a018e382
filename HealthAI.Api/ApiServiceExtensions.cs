using HealthAI.Api.Faults;
using HealthAI.Api.Http;

namespace HealthAI.Api;

/// <summary>Registers the API's services and its request pipeline.</summary>
internal static class ApiServiceExtensions
{
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Every error leaves as RFC 9457 problem details: unhandled exceptions as 500 without internals,
    /// and bare status codes (404, 405, 413...) with a body that says what happened.
    /// </summary>
    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before the fault switch: a refused outsider costs no injected latency.
        app.UseAllowedNetworks();
        app.UseFaults();
        return app;
    }
}
