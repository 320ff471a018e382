using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthAI.Api.Http;

/// <summary>
/// Checks an <c>Authorization: Bearer</c> header against a configured token. Tokens are compared as
/// hashes in constant time, so the comparison's duration says nothing about the token.
/// </summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>A 401 problem with the <c>WWW-Authenticate</c> challenge, or null when the header carries <paramref name="expected"/>.</summary>
    public static ProblemHttpResult? Challenge(HttpContext context, string expected, string realm)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(context, "A bearer token is required.", $"Bearer realm=\"{realm}\"");
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        var wanted = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(presented, wanted)
            ? null
            : Unauthorized(context, "The bearer token is not valid.", $"Bearer realm=\"{realm}\", error=\"invalid_token\"");
    }

    private static ProblemHttpResult Unauthorized(HttpContext context, string detail, string challenge)
    {
        context.Response.Headers.WWWAuthenticate = challenge;
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
    }
}
