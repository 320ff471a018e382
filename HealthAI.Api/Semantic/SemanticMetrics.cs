using System.Diagnostics.Metrics;

namespace HealthAI.Api.Semantic;

/// <summary>The semantic side's series: embedding work, its backlog, the index and the query embedding time.</summary>
internal sealed class SemanticMetrics : IDisposable
{
    public const string MeterName = "HealthAI.Semantic";
    private readonly Meter _meter;
    private readonly Counter<long> _embedded;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _queryDuration;
    private long _pending;
    private long _embeddedTotal;

    public SemanticMetrics(IMeterFactory meters, VectorIndex index)
    {
        _meter = meters.Create(MeterName);
        _embedded = _meter.CreateCounter<long>("healthai.knowledge_base.chunks.embedded", unit: "{chunk}",
            description: "Chunks this replica embedded and stored a vector for.");
        _batchDuration = _meter.CreateHistogram<double>("healthai.knowledge_base.embedding.batch.duration", unit: "s",
            description: "Time to embed and store one batch of chunks.");
        _queryDuration = _meter.CreateHistogram<double>("healthai.knowledge_base.query.embedding.duration", unit: "s",
            description: "Time to embed one search query.");
        // From 0, so that "nothing embedded lately" is a reading the backlog alert can see.
        _embedded.Add(0);
        _meter.CreateObservableGauge("healthai.knowledge_base.chunks.pending_embedding", () => Interlocked.Read(ref _pending), unit: "{chunk}",
            description: "Chunks without a vector of the current model, as this replica last counted them (searchable by words only).");
        _meter.CreateObservableGauge("healthai.knowledge_base.vector_index.vectors", () => (long)index.Count, unit: "{vector}",
            description: "Vectors in this replica's in-memory index.");
        _meter.CreateObservableGauge("healthai.knowledge_base.vector_index.bytes", () => index.Bytes, unit: "By",
            description: "Memory the in-memory vector index takes.");
    }

    public void Embedded(int chunks, TimeSpan duration)
    {
        _embedded.Add(chunks);
        Interlocked.Add(ref _embeddedTotal, chunks);
        _batchDuration.Record(duration.TotalSeconds);
    }

    /// <summary>Chunks this replica has embedded since it started.</summary>
    public long EmbeddedChunks => Interlocked.Read(ref _embeddedTotal);

    /// <summary>Chunks without a vector, as this replica last counted them.</summary>
    public long PendingChunks => Interlocked.Read(ref _pending);

    public void Pending(long chunks) => Interlocked.Exchange(ref _pending, chunks);

    public void QueryEmbedded(TimeSpan duration) => _queryDuration.Record(duration.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}
