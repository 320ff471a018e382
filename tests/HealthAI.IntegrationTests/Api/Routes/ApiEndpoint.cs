using HealthAI.Api.Access;
using HealthAI.Api.Http;
using HealthAI.ServiceDefaults;
using Microsoft.AspNetCore.Routing;

namespace HealthAI.Api.Tests.Routes;

/// <summary>One endpoint of the API as the edges must know it: its path, methods, guards and body limit.</summary>
internal sealed record ApiEndpoint(string Pattern, IReadOnlyList<string> Methods, bool Restricted, RequiredToken? Token, long? BodyLimit)
{
    /// <summary>A request path the pattern matches: parameters take a sample value.</summary>
    public string SamplePath
    {
        get
        {
            var path = System.Text.RegularExpressions.Regex.Replace(Pattern, @"\{[^}]+\}", "x");
            return path.Length > 1 ? path.TrimEnd('/') : path;
        }
    }

    public static ApiEndpoint From(RouteEndpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        return new ApiEndpoint(
            "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'),
            metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [],
            metadata.GetMetadata<AllowedNetworkMetadata>() is not null,
            metadata.GetMetadata<RequiredToken>(),
            metadata.GetMetadata<RequestBodyLimit>()?.Bytes);
    }

    public override string ToString() => $"{(Methods.Count == 0 ? "ANY" : string.Join(',', Methods))} {Pattern}";
}
