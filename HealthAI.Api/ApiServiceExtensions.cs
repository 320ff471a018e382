namespace HealthAI.Api;

/// <summary>Registers the API's services and its error handling.</summary>
internal static class ApiServiceExtensions
{
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// Every error leaves as RFC 9457 problem details: unhandled exceptions as 500 without internals,
    /// and bare status codes (404, 405, 413...) with a body that says what happened.
    /// </summary>
    public static WebApplication UseApiErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
