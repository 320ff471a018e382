using System.Diagnostics.Metrics;
using HealthAI.Api.Search;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Ask;

/// <summary>Retrieves, then answers through the model when there is one, extractively otherwise.</summary>
internal sealed class AskService : IDisposable
{
    private readonly ChunkSearch _search;
    private readonly ModelAnswerer _model;
    private readonly string _instance;
    private readonly Meter _meter;
    private readonly Counter<long> _answers;

    public AskService(ChunkSearch search, ModelAnswerer model, IOptions<ReplicaOptions> replica, IMeterFactory meters)
    {
        _search = search;
        _model = model;
        _instance = replica.Value.Name;
        _meter = meters.Create("HealthAI.Ask");
        _answers = _meter.CreateCounter<long>("healthai.ask.answers", unit: "{answer}",
            description: "Answers given, by who answered (model or extractive) and whether it was a fallback.");
    }

    public async Task<AskResponse> AskAsync(string question, int k, CancellationToken cancellationToken)
    {
        var hits = await _search.SearchAsync(question, k, cancellationToken);
        string answer, answeredBy;
        string? fallbackReason = null;
        if (hits.Count > 0 && _model.IsConfigured)
        {
            var (modelAnswer, failure) = await _model.AnswerAsync(question, hits, cancellationToken);
            (answer, answeredBy, fallbackReason) = modelAnswer is not null
                ? (modelAnswer, AnsweredBy.Model, null)
                : (ExtractiveAnswerer.Answer(question, hits), AnsweredBy.Extractive, $"The model did not answer ({failure}); this answer is extractive.");
        }
        else
        {
            (answer, answeredBy) = (ExtractiveAnswerer.Answer(question, hits), AnsweredBy.Extractive);
        }

        var (text, citations) = hits.Count == 0 ? (answer, []) : CitationSelector.Select(answer, hits);
        _answers.Add(1, new KeyValuePair<string, object?>("answered_by", answeredBy), new KeyValuePair<string, object?>("fallback", fallbackReason is not null));
        return new AskResponse(question, text, citations, answeredBy, answeredBy == AnsweredBy.Model ? _model.ModelName : null,
            fallbackReason, MedicalDisclaimer.Text, _instance);
    }

    public void Dispose() => _meter.Dispose();
}
