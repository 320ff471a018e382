namespace HealthAI.Api.Http;

/// <summary>
/// Endpoint metadata: the largest body an endpoint reads (it answers 413 above it), so that the edges' limits can be
/// checked against it. An endpoint without it takes no body.
/// </summary>
internal sealed record RequestBodyLimit(long Bytes);

/// <summary>Declares <see cref="RequestBodyLimit"/> on endpoints.</summary>
internal static class RequestBodyLimitExtensions
{
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder endpoints, long bytes)
        where TBuilder : IEndpointConventionBuilder => endpoints.WithMetadata(new RequestBodyLimit(bytes));
}
