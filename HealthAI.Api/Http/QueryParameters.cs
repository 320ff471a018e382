using System.Globalization;

namespace HealthAI.Api.Http;

/// <summary>Query parameters the endpoints read by hand, so that a bad value is their 400 and not a binder's.</summary>
internal static class QueryParameters
{
    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>; otherwise an error under its name, and the fallback.</summary>
    public static int Int(HttpRequest request, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"{name} must be an integer from {min} to {max}; got '{raw}'."];
        return fallback;
    }
}
