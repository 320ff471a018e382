using System.Globalization;
using System.Text.RegularExpressions;
using HealthAI.Api.Search;

namespace HealthAI.Api.Ask;

/// <summary>
/// Keeps the chunks an answer actually cites and renumbers the markers 1, 2, 3 in order of first use,
/// so that the citations list is exactly the sources of the answer. When an answer cites nothing it
/// lists every retrieved chunk, as the context it was given.
/// </summary>
internal static partial class CitationSelector
{
    public static (string Answer, IReadOnlyList<Citation> Citations) Select(string answer, IReadOnlyList<SearchHit> hits)
    {
        var renumbered = new Dictionary<int, int>();
        foreach (Match marker in Marker().Matches(answer))
        {
            var original = int.Parse(marker.Groups[1].Value, CultureInfo.InvariantCulture);
            if (original >= 1 && original <= hits.Count && !renumbered.ContainsKey(original))
            {
                renumbered[original] = renumbered.Count + 1;
            }
        }

        if (renumbered.Count == 0)
        {
            return (answer, [.. hits.Select((hit, index) => ToCitation(index + 1, hit))]);
        }

        // Markers that point at no retrieved chunk are dropped rather than left dangling.
        var text = Marker().Replace(answer, marker =>
            renumbered.TryGetValue(int.Parse(marker.Groups[1].Value, CultureInfo.InvariantCulture), out var number)
                ? $"[{number.ToString(CultureInfo.InvariantCulture)}]"
                : "");
        var citations = renumbered.OrderBy(pair => pair.Value).Select(pair => ToCitation(pair.Value, hits[pair.Key - 1])).ToList();
        return (text, citations);
    }

    private static Citation ToCitation(int number, SearchHit hit) =>
        new(number, hit.DocumentId, hit.ChunkId, hit.Title, hit.Source, hit.Snippet);

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex Marker();
}
