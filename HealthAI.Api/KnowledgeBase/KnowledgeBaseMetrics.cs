using System.Diagnostics.Metrics;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>The knowledge base's own series: what was ingested and how retrieval performs.</summary>
internal sealed class KnowledgeBaseMetrics : IDisposable
{
    public const string MeterName = "HealthAI.KnowledgeBase";
    private readonly Meter _meter;
    private readonly Counter<long> _documents;
    private readonly Histogram<double> _searchDuration;

    public KnowledgeBaseMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _documents = _meter.CreateCounter<long>("healthai.knowledge_base.documents.ingested", unit: "{document}",
            description: "Documents received for ingest, by outcome (created, or existing for a repeat).");
        _searchDuration = _meter.CreateHistogram<double>("healthai.knowledge_base.search.duration", unit: "s",
            description: "Time to retrieve the top chunks for a query.");
    }

    public void Ingested(int created, int existing)
    {
        if (created > 0)
        {
            _documents.Add(created, new KeyValuePair<string, object?>("outcome", "created"));
        }

        if (existing > 0)
        {
            _documents.Add(existing, new KeyValuePair<string, object?>("outcome", "existing"));
        }
    }

    public void Searched(TimeSpan duration) => _searchDuration.Record(duration.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}
