using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using HealthAI.Api.Ask;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.KnowledgeBase.Storage;
using HealthAI.Api.Search;
using HealthAI.Api.Semantic;
using HealthAI.Bench.Semantic;

// What the semantic side costs, on SQLite in process (no HTTP): query embedding latency, embedding throughput,
// ingest with and without embeddings, the in-memory index (scan and load) and hybrid search at 100k chunks.
// Figures print as a markdown table; progress goes to stderr. ./healthai bench-semantic [CHUNKS] (default 100000).
var chunksAtScale = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var results = new List<(string Measure, string Result)>();
void Report(string measure, string result)
{
    results.Add((measure, result));
    Console.Error.WriteLine($"  {measure}: {result}");
}

var cancel = CancellationToken.None;
var text = new SampleText(seed: 7);
var folder = Path.Combine(Path.GetTempPath(), $"healthai-bench-semantic-{Guid.NewGuid():N}");
try
{
    // 1. The model: load, query embedding, passage throughput.
    var load = Stopwatch.StartNew();
    await using (var host = SemanticHost.Create(Path.Combine(folder, "model"), "ArcticXs"))
    {
        var embedder = host.Get<TextEmbedder>();
        embedder.StartLoading();
        await embedder.WhenLoadedAsync(cancel);
        Report("model load (arctic-embed-xs, ONNX Runtime)", $"{load.ElapsedMilliseconds} ms");

        for (var i = 0; i < 20; i++)
        {
            await embedder.EmbedQueryAsync(text.Question(), cancel);
        }

        var query = new LongHistogram(TimeStamp.Minutes(1), 3);
        for (var i = 0; i < 300; i++)
        {
            var question = text.Question();
            var started = Stopwatch.GetTimestamp();
            await embedder.EmbedQueryAsync(question, cancel);
            query.RecordValue(Stopwatch.GetTimestamp() - started);
        }

        Report("query embedding (300 questions of 8 to 30 words)", $"p50 {Ms(query, 50)} ms, p99 {Ms(query, 99)} ms");

        var passages = Enumerable.Range(0, 160).Select(_ => text.Chunk(800)).ToList();
        var embed = Stopwatch.StartNew();
        foreach (var batch in passages.Chunk(16))
        {
            await embedder.EmbedPassagesAsync(batch, cancel);
        }

        Report("passage embedding (800-character chunks, batches of 16)", $"{passages.Count / embed.Elapsed.TotalSeconds:0.0} chunks/s");
    }

    // 2. Ingest with and without embeddings: the same 150 documents (about 3 chunks each).
    var documents = Enumerable.Range(0, 150).Select(i => Validate(new DocumentInput($"Article {i}", text.Document(3), "bench", ["bench"]))).ToList();
    foreach (var provider in new[] { "None", "ArcticXs" })
    {
        await using var host = SemanticHost.Create(Path.Combine(folder, $"ingest-{provider}"), provider);
        var repository = host.Get<DocumentRepository>();
        var worker = host.Get<EmbeddingWorker>();
        await host.Get<IKnowledgeBaseStore>().EnsureReadyAsync(cancel);
        if (provider != "None")
        {
            await worker.StartAsync(cancel);
            await host.Get<TextEmbedder>().WhenLoadedAsync(cancel);
        }

        var clock = Stopwatch.StartNew();
        foreach (var batch in documents.Chunk(10))
        {
            await repository.IngestAsync(batch, cancel);
            worker.Wake();
        }

        var stored = clock.Elapsed;
        var chunks = (await repository.StatsAsync(cancel)).Chunks;
        if (provider != "None")
        {
            var index = host.Get<VectorIndex>();
            while (index.Count < chunks)
            {
                await Task.Delay(20, cancel);
            }

            await worker.StopAsync(cancel);
        }

        Report($"ingest {chunks} chunks, batches of 10 documents, embeddings {(provider == "None" ? "off" : "on (until all are searchable by meaning)")}",
            $"{chunks / clock.Elapsed.TotalSeconds:0.0} chunks/s (stored after {stored.TotalSeconds:0.0} s, by meaning after {clock.Elapsed.TotalSeconds:0.0} s)");
    }

    // 3. The index at scale: random unit vectors stand in for embedded chunks (embedding 100k real ones takes most of an hour).
    await using (var host = SemanticHost.Create(Path.Combine(folder, "scale"), "ArcticXs"))
    {
        var store = host.Get<IKnowledgeBaseStore>();
        var embedder = host.Get<TextEmbedder>();
        embedder.StartLoading();
        var fill = Stopwatch.StartNew();
        await FillAsync(store, embedder.ModelId, chunksAtScale, text, cancel);
        Report($"store {chunksAtScale:N0} chunks with vectors (one transaction, bench set-up)", $"{fill.Elapsed.TotalSeconds:0.0} s");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = host.Get<VectorIndex>();
        var loading = Stopwatch.StartNew();
        var loaded = await host.Get<ChunkVectors>().LoadAllAsync(embedder.ModelId, index, ArcticXsEmbeddingGenerator.Dimensions, cancel);
        index.MarkLoaded();
        var loadTime = loading.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Report($"vector index load from the store ({loaded:N0} × 384)", $"{loadTime.TotalSeconds:0.00} s, {index.Bytes / 1024.0 / 1024:0} MB of vectors, {(after - before) / 1024.0 / 1024:0} MB managed heap growth");

        var top = new (long, float)[50];
        var probe = new float[ArcticXsEmbeddingGenerator.Dimensions];
        var scan = new LongHistogram(TimeStamp.Minutes(1), 3);
        var random = new Random(11);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            RandomUnit(random, probe);
            var started = Stopwatch.GetTimestamp();
            index.Search(probe, -1, top);
            scan.RecordValue(Stopwatch.GetTimestamp() - started);
        }

        var perScan = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 200;
        Report($"vector index scan, top 50 of {index.Count:N0} (brute force, TensorPrimitives.Dot)", $"p50 {Ms(scan, 50)} ms, p99 {Ms(scan, 99)} ms, {perScan} bytes allocated per scan");

        await embedder.WhenLoadedAsync(cancel);
        var search = host.Get<HybridSearch>();
        foreach (var mode in new[] { SearchMode.Lexical, SearchMode.Semantic, SearchMode.Hybrid })
        {
            for (var i = 0; i < 20; i++)
            {
                await search.SearchAsync(text.Question(), 5, mode, cancel);
            }

            var latency = new LongHistogram(TimeStamp.Minutes(1), 3);
            for (var i = 0; i < 300; i++)
            {
                var question = text.Question();
                var started = Stopwatch.GetTimestamp();
                await search.SearchAsync(question, 5, mode, cancel);
                latency.RecordValue(Stopwatch.GetTimestamp() - started);
            }

            Report($"search k=5, {mode.Name()}, {chunksAtScale:N0} chunks, questions of 8 to 30 words", $"p50 {Ms(latency, 50)} ms, p99 {Ms(latency, 99)} ms");
        }

        // Where an extractive ask's time goes, phase by phase, each question new (nothing cached).
        var meaning = host.Get<SentenceMeaning>();
        var phases = new Dictionary<string, LongHistogram>(StringComparer.Ordinal)
        {
            ["question embedding"] = new(TimeStamp.Minutes(1), 3),
            ["search without it"] = new(TimeStamp.Minutes(1), 3),
            ["sentence scoring"] = new(TimeStamp.Minutes(1), 3),
            ["answer and citations"] = new(TimeStamp.Minutes(1), 3),
        };
        for (var i = 0; i < 300; i++)
        {
            var question = text.Question();
            var started = Stopwatch.GetTimestamp();
            await embedder.EmbedQueryAsync(question, cancel);
            var embedded = Stopwatch.GetTimestamp();
            var (_, hits) = await search.SearchAsync(question, 5, SearchMode.Hybrid, cancel);
            var searched = Stopwatch.GetTimestamp();
            var scores = await meaning.ScoreAsync(question, hits, cancel);
            var scored = Stopwatch.GetTimestamp();
            CitationSelector.Select(ExtractiveAnswerer.Answer(question, hits, scores), hits);
            var answered = Stopwatch.GetTimestamp();
            phases["question embedding"].RecordValue(embedded - started);
            phases["search without it"].RecordValue(searched - embedded);
            phases["sentence scoring"].RecordValue(scored - searched);
            phases["answer and citations"].RecordValue(answered - scored);
        }

        foreach (var (phase, histogram) in phases)
        {
            Report($"ask k=5, extractive, {chunksAtScale:N0} chunks, new questions: {phase}", $"p50 {Ms(histogram, 50)} ms, p99 {Ms(histogram, 99)} ms");
        }
    }

    // 4. A restart at scale: a new process's services over the same store, until the embedding worker has
    // started, which is when a replica takes requests (the model loaded and every stored vector indexed).
    await using (var host = SemanticHost.Create(Path.Combine(folder, "scale"), "ArcticXs"))
    {
        var restart = Stopwatch.StartNew();
        await host.Get<IKnowledgeBaseStore>().EnsureReadyAsync(cancel);
        var worker = host.Get<EmbeddingWorker>();
        await worker.StartAsync(cancel);
        var ready = restart.Elapsed;
        Report($"restart over {chunksAtScale:N0} chunks: schema check, model load and index load until the worker lets requests in",
            $"{ready.TotalSeconds:0.00} s ({host.Get<VectorIndex>().Count:N0} vectors indexed)");
        await worker.StopAsync(cancel);
    }
}
finally
{
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
}

var width = results.Max(result => result.Measure.Length);
Console.WriteLine();
Console.WriteLine($"| {"measure".PadRight(width)} | result |");
Console.WriteLine($"| {new string('-', width)} | --- |");
foreach (var (measure, result) in results)
{
    Console.WriteLine($"| {measure.PadRight(width)} | {result} |");
}

return 0;

static async Task FillAsync(IKnowledgeBaseStore store, string model, int chunks, SampleText text, CancellationToken cancel)
{
    var random = new Random(3);
    var vector = new float[ArcticXsEmbeddingGenerator.Dimensions];
    await store.WriteAsync(async (connection, transaction, token) =>
    {
        const int perDocument = 10;
        await using var document = connection.Command("""
            INSERT INTO documents (id, title, source, tags, format, text, bytes, chunk_count, created_at, created_by)
            VALUES (@id, @title, 'bench', '[]', 'text', '', 0, @chunks, '2026-01-01T00:00:00.0000000+00:00', 'bench');
            """, transaction);
        var documentId = document.With("id", "");
        var title = document.With("title", "");
        document.With("chunks", perDocument);
        await using var chunk = connection.Command("""
            INSERT INTO chunks (document_id, ordinal, title, text, embedding, embedding_model, embedding_stamp)
            VALUES (@document, @ordinal, @title, @text, @embedding, @model, 1);
            """, transaction);
        var chunkDocument = chunk.With("document", "");
        var ordinal = chunk.With("ordinal", 0);
        var chunkTitle = chunk.With("title", "");
        var chunkText = chunk.With("text", "");
        var embedding = chunk.With("embedding", Array.Empty<byte>());
        chunk.With("model", model);
        for (var i = 0; i < chunks; i++)
        {
            if (i % perDocument == 0)
            {
                documentId.Value = chunkDocument.Value = (i / perDocument).ToString("x32", CultureInfo.InvariantCulture);
                title.Value = chunkTitle.Value = $"Article {i / perDocument}";
                await document.ExecuteNonQueryAsync(token);
            }

            ordinal.Value = i % perDocument;
            chunkText.Value = text.Chunk(800);
            RandomUnit(random, vector);
            embedding.Value = VectorMath.ToBytes(vector);
            await chunk.ExecuteNonQueryAsync(token);
        }

        return 0;
    }, cancel);
}

static void RandomUnit(Random random, float[] vector)
{
    for (var i = 0; i < vector.Length; i++)
    {
        vector[i] = (float)(random.NextDouble() - 0.5);
    }

    var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
    System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
}

static NewDocument Validate(DocumentInput input) =>
    DocumentValidator.Validate(input, "", []) ?? throw new InvalidOperationException("The bench made an invalid document.");

static string Ms(LongHistogram histogram, double percentile) =>
    (histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
