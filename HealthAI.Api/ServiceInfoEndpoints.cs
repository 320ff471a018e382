using HealthAI.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api;

/// <summary>What a client or operator sees at the root: which service, which version, which replica.</summary>
internal static class ServiceInfoEndpoints
{
    public const string ServiceName = "HealthAI";

    public static WebApplication MapServiceInfo(this WebApplication app)
    {
        app.MapGet("/", Results<RedirectHttpResult, Ok<ServiceInfo>> (HttpRequest request, IOptions<ReplicaOptions> replica) =>
                BrowserRedirect.WantsPage(request)
                    ? TypedResults.Redirect(BrowserRedirect.PagePath)
                    : TypedResults.Ok(new ServiceInfo(ServiceName, ReplicaVersion.Current, replica.Value.Name, replica.Value.Instance)))
            .WithName("ServiceInfo");
        return app;
    }
}

/// <summary>The answer at <c>GET /</c>.</summary>
/// <param name="Service">Always <c>HealthAI</c>.</param>
/// <param name="Version">The build's version.</param>
/// <param name="Instance">The replica's name, as in <c>X-HealthAI-Instance</c>.</param>
/// <param name="AppInstance">The replica's <c>APP_INSTANCE</c>.</param>
internal sealed record ServiceInfo(string Service, string Version, string Instance, string AppInstance);
