using System.CommandLine;
using System.Globalization;
using HealthAI.Testing;

namespace HealthAI.Bench.Retrieval;

/// <summary>
/// Retrieval quality on a BEIR-format set, through one replica's real HTTP API: ingest the corpus, ask every
/// test query in each search mode, print nDCG@10, Recall@k and MRR@10 per mode with ingest and search timings.
/// Rerun: <c>./healthai bench-retrieval DIR</c>.
/// </summary>
internal static class RetrievalBench
{
    public static async Task<int> Main(string[] args)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "a BEIR-format set: corpus.jsonl, queries.jsonl, qrels/test.tsv" };
        var engine = new Option<string>("--engine") { Description = "sqlite or postgresql; default sqlite", DefaultValueFactory = _ => "sqlite" };
        engine.AcceptOnlyFromAmong("sqlite", "postgresql");
        var modes = new Option<string[]>("--mode")
        {
            Description = "lexical, semantic, hybrid (repeat the option); default all three",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["lexical", "semantic", "hybrid"],
        };
        modes.AcceptOnlyFromAmong("lexical", "semantic", "hybrid");
        var k = new Option<int>("--k") { Description = "chunks asked per query, the Recall cutoff (the API's maximum is 100)", DefaultValueFactory = _ => 100 };
        var weights = new Option<double[]>("--fusion-weight")
        {
            Description = "also score hybrid with this semantic weight, fused in the bench from the lexical and semantic rankings (repeat the option; needs both modes)",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new RootCommand("HealthAI retrieval quality on a BEIR-format set") { directory, engine, modes, k, weights };
        command.SetAction(async (parsed, cancel) =>
        {
            var dir = parsed.GetValue(directory)!;
            foreach (var required in new[] { "corpus.jsonl", "queries.jsonl", Path.Combine("qrels", "test.tsv") })
            {
                if (!File.Exists(Path.Combine(dir.FullName, required)))
                {
                    Console.Error.WriteLine($"{dir.FullName} is not a BEIR-format set: {required} is missing.");
                    return 2;
                }
            }

            var set = await BeirSet.ReadAsync(dir.FullName, cancel);
            Console.Error.WriteLine($"{set.Name}: {set.Corpus.Count:N0} documents, {set.Queries.Count:N0} test queries with judgments");
            var folder = Path.Combine(Path.GetTempPath(), $"healthai-retrieval-{Guid.NewGuid():N}");
            var cutoff = parsed.GetValue(k);
            try
            {
                PostgreSqlServer? server = null;
                try
                {
                    var engineName = parsed.GetValue(engine)!;
                    string? connection = null;
                    if (engineName == "postgresql")
                    {
                        server = await PostgreSqlServer.StartAsync(durable: true, cancel);
                        connection = await server.CreateDatabaseAsync("retrieval", cancel);
                    }

                    await using var replica = LoopbackReplica.Start(folder, connection);
                    var ingest = await RetrievalRun.IngestAsync(replica.Client, set, cancel);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"ingested {ingest.Documents:N0} documents ({ingest.Chunks:N0} chunks) in {ingest.Elapsed.TotalSeconds:0.0} s"));
                    var chosen = parsed.GetValue(modes)!.Distinct().ToList();
                    if (chosen.Any(mode => mode != "lexical")
                        && await RetrievalRun.WaitForVectorsAsync(replica.Client, ingest.Chunks, cancel) is { } embedded)
                    {
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"every chunk searchable by meaning {embedded.TotalSeconds:0.0} s after the ingest ({ingest.Chunks / (ingest.Elapsed + embedded).TotalSeconds:0.0} chunks/s in all)"));
                    }

                    var results = new List<ModeResult>();
                    foreach (var mode in chosen)
                    {
                        results.Add(await RetrievalRun.EvaluateAsync(replica.Client, set, mode, cutoff, cancel));
                    }

                    if (results.FirstOrDefault(r => r.Mode == "lexical" && r.Unavailable is null) is { } lexical
                        && results.FirstOrDefault(r => r.Mode == "semantic" && r.Unavailable is null) is { } semantic)
                    {
                        var pool = replica.Get<Microsoft.Extensions.Options.IOptions<Api.Semantic.EmbeddingOptions>>().Value.CandidatePool;
                        // As the search does: each side brings max(k, CandidatePool).
                        pool = Math.Max(pool, cutoff);
                        results.AddRange((parsed.GetValue(weights) ?? []).Select(weight => RetrievalRun.Fuse(set, lexical, semantic, weight, pool, cutoff)));
                    }

                    ResultReport.Print(set, engineName, ingest, cutoff, results);
                }
                finally
                {
                    if (server is not null)
                    {
                        await server.DisposeAsync();
                    }
                }
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            return 0;
        });
        return await command.Parse(args).InvokeAsync();
    }
}
