using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using HealthAI.Api.Backups;
using HealthAI.Api.KnowledgeBase;

namespace HealthAI.Bench.KnowledgeBase;

/// <summary>
/// One engine's figures on one replica in this process: ingest and backup, verify and restore on the real
/// storage code (no HTTP), search through the replica's HTTP API (<c>GET /api/search</c> with a
/// <c>mode</c>) at 10k and 100k chunks, short queries and questions as people type them, and the
/// process's memory once 100k chunks are in. Every engine gets the same synthetic corpus (one seed), so
/// their columns compare like with like.
/// </summary>
internal static class EngineRun
{
    private const int Warmup = 100;
    private const int Queries = 1000;

    public static async Task RunAsync(string engine, LoopbackReplica host, long targetBytes, IReadOnlyList<string> modes, ResultTable table, CancellationToken cancel)
    {
        var documents = host.Get<DocumentRepository>();
        var search = new SearchClient(host.Client);
        var corpus = new SyntheticCorpus(seed: 42);

        // One document per transaction (as POST /api/documents does), from four writers at once.
        var single = Stopwatch.StartNew();
        const int singleDocuments = 800;
        await Parallel.ForEachAsync(Enumerable.Range(0, 4), cancel, async (_, token) =>
        {
            for (var i = 0; i < singleDocuments / 4; i++)
            {
                NewDocument document;
                lock (corpus)
                {
                    document = Validate(corpus.Next(paragraphs: 2));
                }

                await documents.IngestAsync([document], token);
            }
        });
        table.Add(engine, "ingest, 1 document per request, 4 writers", $"{singleDocuments / single.Elapsed.TotalSeconds:0} documents/s");

        // Batches of 100 (as POST /api/documents/batch does) up to 10,000 chunks.
        var batched = Stopwatch.StartNew();
        var batchedDocuments = 0;
        while ((await documents.StatsAsync(cancel)).Chunks < 10_000)
        {
            var batch = Enumerable.Range(0, 100).Select(_ => Validate(corpus.Next(paragraphs: 2))).ToList();
            batchedDocuments += batch.Count;
            await documents.IngestAsync(batch, cancel);
        }

        table.Add(engine, "ingest, batches of 100", $"{batchedDocuments / batched.Elapsed.TotalSeconds:0} documents/s");
        await SearchAsync(engine, "10k", search, modes, documents, corpus, table, cancel);

        var grow = Stopwatch.StartNew();
        var grownDocuments = 0;
        while ((await documents.StatsAsync(cancel)).Chunks < 100_000)
        {
            var batch = Enumerable.Range(0, 100).Select(_ => Validate(corpus.Next(paragraphs: 4))).ToList();
            grownDocuments += batch.Count;
            await documents.IngestAsync(batch, cancel);
        }

        table.Add(engine, "ingest to 100k chunks, batches of 100", $"{grownDocuments / grow.Elapsed.TotalSeconds:0} documents/s");
        await SearchAsync(engine, "100k", search, modes, documents, corpus, table, cancel);
        table.Add(engine, "memory of the replica's process at 100k chunks", ProcessMemory.Describe());

        KnowledgeBaseStats stats;
        while ((stats = await documents.StatsAsync(cancel)).DatabaseBytes < targetBytes)
        {
            await documents.IngestAsync([.. Enumerable.Range(0, 100).Select(_ => Validate(corpus.Next(paragraphs: 4)))], cancel);
        }

        table.Add(engine, "knowledge base backed up", $"{stats.DatabaseBytes / 1024.0 / 1024:0} MB on disk, {stats.Documents:N0} documents, {stats.Chunks:N0} chunks");

        var backupClock = Stopwatch.StartNew();
        var manifest = await host.Get<BackupWriter>().CreateAsync(BackupTrigger.Manual, null, cancel);
        table.Add(engine, "backup (snapshot copy + SHA-256)", $"{backupClock.Elapsed.TotalSeconds:0.0} s, copy {manifest.Bytes / 1024.0 / 1024:0} MB");

        var verifyClock = Stopwatch.StartNew();
        var verification = await host.Get<BackupVerifier>().VerifyAsync(manifest, cancel);
        table.Add(engine, "verify (re-hash + engine check)", $"{verifyClock.Elapsed.TotalSeconds:0.0} s ({(verification.Valid ? "valid" : "INVALID: " + verification.Integrity)})");

        var restoreClock = Stopwatch.StartNew();
        var restored = await host.Get<BackupRestorer>().RestoreAsync(manifest, cancel);
        table.Add(engine, "restore (verify + switch)", $"{restoreClock.Elapsed.TotalSeconds:0.0} s ({restored.Documents:N0} documents, generation {restored.Generation})");
    }

    private static async Task SearchAsync(string engine, string size, SearchClient search, IReadOnlyList<string> modes, DocumentRepository documents,
        SyntheticCorpus corpus, ResultTable table, CancellationToken cancel)
    {
        var chunks = (await documents.StatsAsync(cancel)).Chunks;
        var runs = new List<(string Measure, string Mode, Func<string> Next)> { ($"search k=5 at {size} chunks, 3-word queries, lexical", "lexical", corpus.Query) };
        runs.AddRange(modes.Select(mode => ($"search k=5 at {size} chunks, 10-25-word questions, {mode}", mode, (Func<string>)corpus.Question)));
        foreach (var (measure, mode, next) in runs)
        {
            for (var i = 0; i < Warmup; i++)
            {
                await search.SearchAsync(next(), mode, 5, cancel);
            }

            var latency = new LongHistogram(TimeStamp.Minutes(1), 3);
            var honoured = true;
            for (var i = 0; i < Queries && honoured; i++)
            {
                var question = next();
                var started = Stopwatch.GetTimestamp();
                honoured = await search.SearchAsync(question, mode, 5, cancel);
                latency.RecordValue(Stopwatch.GetTimestamp() - started);
            }

            table.Add(engine, $"{measure} ({Queries:N0})", honoured
                ? string.Create(CultureInfo.InvariantCulture, $"p50 {Ms(latency, 50)} ms, p99 {Ms(latency, 99)} ms ({chunks:N0} chunks)")
                : $"not available: {search.Unavailable(mode)}");
        }
    }

    private static NewDocument Validate(DocumentInput input) =>
        DocumentValidator.Validate(input, "", []) ?? throw new InvalidOperationException("The synthetic corpus made an invalid document.");

    private static string Ms(LongHistogram histogram, double percentile) =>
        (histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
}
