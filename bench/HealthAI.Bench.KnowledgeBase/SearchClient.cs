using System.Globalization;
using System.Net;
using System.Text.Json;

namespace HealthAI.Bench.KnowledgeBase;

/// <summary>
/// <c>GET /api/search</c> on the replica, in a search mode. A mode the API refuses (400 naming
/// <c>mode</c>), or one it cannot know (its answer has no <c>mode</c>: an API without modes answers
/// lexically), is not available, and that is reported rather than timed as if it were.
/// </summary>
internal sealed class SearchClient(HttpClient client)
{
    private readonly Dictionary<string, string> _unavailable = [];

    /// <summary>Searches; false when the mode is not available.</summary>
    public async Task<bool> SearchAsync(string question, string mode, int k, CancellationToken cancel)
    {
        if (_unavailable.ContainsKey(mode))
        {
            return false;
        }

        using var response = await client.GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"/api/search?k={k}&mode={mode}&q={Uri.EscapeDataString(question)}"), cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel));
        if (response.StatusCode == HttpStatusCode.BadRequest && body.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty("mode", out _))
        {
            _unavailable[mode] = $"the API refuses mode={mode}";
            return false;
        }

        response.EnsureSuccessStatusCode();
        if (mode != "lexical" && !body.RootElement.TryGetProperty("mode", out _))
        {
            _unavailable[mode] = "the API has no search modes (it answers lexically)";
            return false;
        }

        return true;
    }

    public string Unavailable(string mode) => _unavailable.GetValueOrDefault(mode, "");
}
