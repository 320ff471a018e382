using System.Globalization;
using System.Text.Json;

namespace HealthAI.Bench.Retrieval;

/// <summary>One corpus document of a BEIR set.</summary>
internal sealed record BeirDocument(string Id, string Title, string Text);

/// <summary>
/// A retrieval test set in BEIR's format: <c>corpus.jsonl</c> ({_id, title, text}), <c>queries.jsonl</c>
/// ({_id, text}) and <c>qrels/test.tsv</c> (query-id, corpus-id, score, after a header line). Only queries
/// with at least one judged-relevant document (score above 0) are evaluated, as BEIR does.
/// </summary>
internal sealed class BeirSet
{
    private BeirSet(string name, IReadOnlyList<BeirDocument> corpus, IReadOnlyDictionary<string, string> queries,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> judgments)
    {
        Name = name;
        Corpus = corpus;
        Queries = queries;
        Judgments = judgments;
    }

    public string Name { get; }

    public IReadOnlyList<BeirDocument> Corpus { get; }

    /// <summary>The test queries' text by id: those with a relevant document only.</summary>
    public IReadOnlyDictionary<string, string> Queries { get; }

    /// <summary>For each test query, the graded relevance of each judged document.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgments { get; }

    public static async Task<BeirSet> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var judgments = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var header = true;
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(directory, "qrels", "test.tsv"), cancellationToken))
        {
            if (header || line.Length == 0)
            {
                header = false;
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3)
            {
                throw new FormatException($"qrels/test.tsv: expected query-id, corpus-id, score; got '{line}'.");
            }

            var score = int.Parse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (!judgments.TryGetValue(fields[0], out var judged))
            {
                judgments[fields[0]] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            judged[fields[1]] = score;
        }

        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var query in ReadJsonLinesAsync(Path.Combine(directory, "queries.jsonl"), cancellationToken))
        {
            var id = Text(query, "_id");
            if (judgments.TryGetValue(id, out var judged) && judged.Values.Any(score => score > 0))
            {
                queries[id] = Text(query, "text");
            }
        }

        var corpus = new List<BeirDocument>();
        await foreach (var document in ReadJsonLinesAsync(Path.Combine(directory, "corpus.jsonl"), cancellationToken))
        {
            corpus.Add(new BeirDocument(Text(document, "_id"), Text(document, "title"), Text(document, "text")));
        }

        return new BeirSet(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))), corpus, queries,
            judgments.Where(pair => queries.ContainsKey(pair.Key))
                .ToDictionary(pair => pair.Key, pair => (IReadOnlyDictionary<string, int>)pair.Value, StringComparer.Ordinal));
    }

    private static async IAsyncEnumerable<JsonElement> ReadJsonLinesAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                using var json = JsonDocument.Parse(line);
                yield return json.RootElement.Clone();
            }
        }
    }

    // BEIR ids may be numbers in some sets' files; they are compared as text.
    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText()
            : "";
}
