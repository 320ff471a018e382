using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using HealthAI.Api.Backups;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.Search;
using HealthAI.Api.Semantic;

namespace HealthAI.Bench.KnowledgeBase;

/// <summary>
/// One engine's figures on one replica in this process: ingest and backup, verify and restore on the real
/// storage code (no HTTP), search through the replica's HTTP API (<c>GET /api/search</c> with a
/// <c>mode</c>) at 10k and 100k chunks, short queries and questions as people type them, and the
/// process's memory once 100k chunks are in. Each search line also gives the process's CPU time per search,
/// which other work on the machine does not inflate as it does latency, and the long questions are asked once
/// more straight to the search service (no HTTP, no JSON), which tells the engine's share of the time from the
/// web stack's. Every engine gets the same synthetic corpus (one seed), so
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
        var loading = Stopwatch.StartNew();
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

        var loaded = loading.Elapsed;
        table.Add(engine, "ingest, batches of 100", $"{batchedDocuments / batched.Elapsed.TotalSeconds:0} documents/s");
        await SearchAsync(engine, "10k", host, search, modes, documents, corpus, table, cancel);
        table.Add(engine, "embedding backlog after the 10k ingest (searched meanwhile)", await DrainAsync(host, documents, loading, loaded, cancel));

        var grow = Stopwatch.StartNew();
        var grownDocuments = 0;
        while ((await documents.StatsAsync(cancel)).Chunks < 100_000)
        {
            var batch = Enumerable.Range(0, 100).Select(_ => Validate(corpus.Next(paragraphs: 4))).ToList();
            grownDocuments += batch.Count;
            await documents.IngestAsync(batch, cancel);
        }

        table.Add(engine, "ingest to 100k chunks, batches of 100", $"{grownDocuments / grow.Elapsed.TotalSeconds:0} documents/s");
        await SearchAsync(engine, "100k", host, search, modes, documents, corpus, table, cancel);
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

    /// <summary>How long after the last ingest every chunk had a vector in the replica's index, and the rate that gives.</summary>
    private static async Task<string> DrainAsync(LoopbackReplica host, DocumentRepository documents, Stopwatch loading, TimeSpan loaded, CancellationToken cancel)
    {
        var chunks = (await documents.StatsAsync(cancel)).Chunks;
        var index = host.Get<VectorIndex>();
        while (index.Count < chunks)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancel);
        }

        var drained = loading.Elapsed;
        return string.Create(CultureInfo.InvariantCulture,
            $"{chunks:N0} chunks embedded {(drained - loaded).TotalSeconds:0} s after the last ingest, {chunks / drained.TotalSeconds:0.0} chunks/s from the first");
    }

    private static async Task SearchAsync(string engine, string size, LoopbackReplica host, SearchClient search, IReadOnlyList<string> modes,
        DocumentRepository documents, SyntheticCorpus corpus, ResultTable table, CancellationToken cancel)
    {
        var chunks = (await documents.StatsAsync(cancel)).Chunks;
        var runs = new List<(string Measure, string Mode, Func<string> Next)> { ($"search k=5 at {size} chunks, 3-word queries, lexical", "lexical", corpus.Query) };
        runs.AddRange(modes.Select(mode => ($"search k=5 at {size} chunks, 10-25-word questions, {mode}", mode, (Func<string>)corpus.Question)));
        foreach (var (measure, mode, next) in runs)
        {
            var figures = await TimeAsync(next, question => search.SearchAsync(question, mode, 5, cancel));
            table.Add(engine, $"{measure} ({Queries:N0})", figures is null ? $"not available: {search.Unavailable(mode)}" : $"{figures} ({chunks:N0} chunks)");
        }

        var direct = host.Get<ChunkSearch>();
        var inProcess = await TimeAsync(corpus.Question, async question =>
        {
            await direct.SearchAsync(question, 5, cancel);
            return true;
        });
        table.Add(engine, $"search k=5 at {size} chunks, 10-25-word questions, lexical, search service only (no HTTP) ({Queries:N0})", $"{inProcess} ({chunks:N0} chunks)");
    }

    /// <summary>p50, p99 and CPU per search after a warm-up; null when a search says its mode is not available.</summary>
    private static async Task<string?> TimeAsync(Func<string> next, Func<string, Task<bool>> searchAsync)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await searchAsync(next());
        }

        var latency = new LongHistogram(TimeStamp.Minutes(1), 3);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < Queries; i++)
        {
            var question = next();
            var started = Stopwatch.GetTimestamp();
            if (!await searchAsync(question))
            {
                return null;
            }

            latency.RecordValue(Stopwatch.GetTimestamp() - started);
        }

        var cpuPerSearch = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Queries;
        return string.Create(CultureInfo.InvariantCulture, $"p50 {Ms(latency, 50)} ms, p99 {Ms(latency, 99)} ms, CPU {cpuPerSearch:0.00} ms per search");
    }

    private static NewDocument Validate(DocumentInput input) =>
        DocumentValidator.Validate(input, "", []) ?? throw new InvalidOperationException("The synthetic corpus made an invalid document.");

    private static string Ms(LongHistogram histogram, double percentile) =>
        (histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
}
