using System.Security.Cryptography;
using System.Text;

namespace HealthAI.Api.KnowledgeBase.Idempotency;

/// <summary>
/// A write's <c>Idempotency-Key</c> and the fingerprint of the request it came with: method, path,
/// query, content type and body. The same key with another fingerprint is another request (422).
/// </summary>
internal sealed record IdempotencyKey(string Key, string Fingerprint)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>The key of <paramref name="request"/>, none (null, with no error), or an error for a malformed key.</summary>
    public static IdempotencyKey? From(HttpRequest request, ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (key.Length is 0 or > MaxLength || !key.All(c => c is > ' ' and <= '~'))
        {
            error = $"An {Header} is one header of 1 to {MaxLength} visible ASCII characters.";
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.QueryString}\n{request.ContentType}\n"));
        hash.AppendData(body);
        return new IdempotencyKey(key, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
