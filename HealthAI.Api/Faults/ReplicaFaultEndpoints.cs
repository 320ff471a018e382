using System.Text.Json;
using System.Text.Json.Serialization;
using HealthAI.Api.Http;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Faults;

/// <summary>
/// <c>/faults</c>: the test-only switch that makes this whole replica slow or not-ready. Mapped only when
/// <c>Faults:Enabled</c> is true; otherwise the route does not exist and the answer is a 404 problem.
/// </summary>
internal static class ReplicaFaultEndpoints
{
    public const string Path = "/faults";
    private const int MaxBodyBytes = 1024;

    // Strict, unlike the web defaults: a typo ("latency") or a quoted number must be a 400, not silently "no fault".
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static WebApplication MapFaults(this WebApplication app)
    {
        // Read from the built host: in-process test hosts add their settings after Program's builder code ran.
        if (!app.Services.GetRequiredService<IOptions<FaultInjectionOptions>>().Value.Enabled)
        {
            return app;
        }

        var faults = app.MapGroup(Path).WithTags("Faults").ExcludeFromDescription().RequireAllowedNetwork();
        faults.MapGet("/", (ReplicaFaults state) => TypedResults.Ok(state.Current));
        faults.MapPut("/", SetAsync).WithRequestBodyLimit(MaxBodyBytes);
        faults.MapDelete("/", (ReplicaFaults state) =>
        {
            state.Clear();
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<IResult> SetAsync(HttpRequest request, ReplicaFaults state, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType("Send the faults as application/json: { \"latencyMs\": 300, \"readinessFails\": false }.");
        }

        if (await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return Problems.TooLarge(MaxBodyBytes);
        }

        ReplicaFaultSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<ReplicaFaultSettings>(body, Json);
        }
        catch (JsonException malformed)
        {
            return Problems.BadRequest($"The body is not valid faults: {malformed.Message}");
        }

        if (settings is null)
        {
            return Problems.BadRequest("The body must be a JSON object: { \"latencyMs\": 300, \"readinessFails\": false }.");
        }

        if (settings.LatencyMs is < 0 or > ReplicaFaultSettings.MaxLatencyMs)
        {
            return Problems.BadRequest("The faults are not valid.", new Dictionary<string, string[]>
            {
                ["latencyMs"] = [$"latencyMs must be from 0 to {ReplicaFaultSettings.MaxLatencyMs}."],
            });
        }

        state.Set(settings);
        return TypedResults.NoContent();
    }
}
