using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using HealthAI.Api.Backups;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.Search;
using HealthAI.Bench.KnowledgeBase;

// Knowledge base benchmark: ingest throughput, search latency over 10,000 chunks, and backup, verify
// and restore of a ~100 MB knowledge base, on the real storage code (in process, no HTTP).
var folder = Path.Combine(Path.GetTempPath(), $"healthai-bench-{Guid.NewGuid():N}");
var targetBytes = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) * 1024 * 1024 : 100L * 1024 * 1024;
try
{
    await using var host = BenchHost.Create(folder);
    var documents = host.Get<DocumentRepository>();
    var search = host.Get<ChunkSearch>();
    var corpus = new SyntheticCorpus(seed: 42);
    var table = new ResultTable();
    var cancel = CancellationToken.None;

    // Ingest, one document per transaction (as POST /api/documents does), from four writers at once.
    var single = Stopwatch.StartNew();
    const int singleDocuments = 800;
    await Parallel.ForEachAsync(Enumerable.Range(0, 4), async (_, token) =>
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
    table.Add("ingest, 1 document per request, 4 writers", $"{singleDocuments / single.Elapsed.TotalSeconds:0} documents/s");

    // Ingest in batches of 100 (as POST /api/documents/batch does) up to 10,000 chunks.
    var batched = Stopwatch.StartNew();
    long batchedBytes = 0;
    var batchedDocuments = 0;
    while ((await documents.StatsAsync(cancel)).Chunks < 10_000)
    {
        var batch = Enumerable.Range(0, 100).Select(_ => Validate(corpus.Next(paragraphs: 2))).ToList();
        batchedBytes += batch.Sum(document => (long)document.Text.Length);
        batchedDocuments += batch.Count;
        await documents.IngestAsync(batch, cancel);
    }

    table.Add("ingest, batches of 100", $"{batchedDocuments / batched.Elapsed.TotalSeconds:0} documents/s, {batchedBytes / batched.Elapsed.TotalSeconds / 1024 / 1024:0.0} MB/s of text");

    // Search latency over 10,000 chunks.
    var stats = await documents.StatsAsync(cancel);
    var latency = new LongHistogram(TimeStamp.Minutes(1), 3);
    for (var i = 0; i < 200; i++)
    {
        await search.SearchAsync(corpus.Query(), 5, cancel);
    }

    const int queries = 2000;
    for (var i = 0; i < queries; i++)
    {
        var query = corpus.Query();
        var started = Stopwatch.GetTimestamp();
        await search.SearchAsync(query, 5, cancel);
        latency.RecordValue(Stopwatch.GetTimestamp() - started);
    }

    table.Add($"search k=5 over {stats.Chunks:N0} chunks ({queries:N0} queries)",
        $"p50 {Ms(latency, 50)} ms, p90 {Ms(latency, 90)} ms, p99 {Ms(latency, 99)} ms, max {Ms(latency, 100)} ms");

    // Grow to the target size for backup and restore.
    var grow = Stopwatch.StartNew();
    while ((stats = await documents.StatsAsync(cancel)).DatabaseBytes < targetBytes)
    {
        await documents.IngestAsync([.. Enumerable.Range(0, 200).Select(_ => Validate(corpus.Next(paragraphs: 4)))], cancel);
    }

    table.Add("grow the knowledge base", $"{stats.DatabaseBytes / 1024.0 / 1024:0} MB, {stats.Documents:N0} documents, {stats.Chunks:N0} chunks in {grow.Elapsed.TotalSeconds:0.0} s");

    var backupClock = Stopwatch.StartNew();
    var manifest = await host.Get<BackupWriter>().CreateAsync(BackupTrigger.Manual, null, cancel);
    table.Add($"backup (VACUUM INTO + SHA-256), {manifest.Bytes / 1024.0 / 1024:0} MB", $"{backupClock.Elapsed.TotalSeconds:0.00} s");

    var verifyClock = Stopwatch.StartNew();
    var verification = await host.Get<BackupVerifier>().VerifyAsync(manifest, cancel);
    table.Add("verify (re-hash + integrity_check)", $"{verifyClock.Elapsed.TotalSeconds:0.00} s ({(verification.Valid ? "valid" : "INVALID")})");

    var restoreClock = Stopwatch.StartNew();
    var restored = await host.Get<BackupRestorer>().RestoreAsync(manifest, cancel);
    table.Add("restore (verify, copy, migrate, swap)", $"{restoreClock.Elapsed.TotalSeconds:0.00} s ({restored.Documents:N0} documents, generation {restored.Generation})");

    var after = new LongHistogram(TimeStamp.Minutes(1), 3);
    for (var i = 0; i < 500; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await search.SearchAsync(corpus.Query(), 5, cancel);
        after.RecordValue(Stopwatch.GetTimestamp() - started);
    }

    table.Add($"search k=5 over {stats.Chunks:N0} chunks, after restore", $"p50 {Ms(after, 50)} ms, p99 {Ms(after, 99)} ms");
    table.Print();
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static NewDocument Validate(DocumentInput input) =>
    DocumentValidator.Validate(input, "", []) ?? throw new InvalidOperationException("The synthetic corpus made an invalid document.");

static string Ms(LongHistogram histogram, double percentile) =>
    (histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
