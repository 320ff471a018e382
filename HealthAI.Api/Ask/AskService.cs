using System.Diagnostics.Metrics;
using HealthAI.Api.Search;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Ask;

/// <summary>Retrieves, then answers through the model when there is one, extractively otherwise.</summary>
internal sealed class AskService : IDisposable
{
    private readonly HybridSearch _search;
    private readonly SentenceMeaning _meaning;
    private readonly ModelAnswerer _model;
    private readonly ModelCallGate _gate;
    private readonly string _instance;
    private readonly Meter _meter;
    private readonly Counter<long> _answers;

    public AskService(HybridSearch search, SentenceMeaning meaning, ModelAnswerer model, ModelCallGate gate,
        IOptions<ReplicaOptions> replica, IMeterFactory meters)
    {
        _gate = gate;
        _search = search;
        _meaning = meaning;
        _model = model;
        _instance = replica.Value.Name;
        _meter = meters.Create("HealthAI.Ask");
        _answers = _meter.CreateCounter<long>("healthai.ask.answers", unit: "{answer}",
            description: "Answers given, by who answered (model or extractive) and whether it was a fallback.");
    }

    public async Task<AskResponse> AskAsync(string question, int k, CancellationToken cancellationToken)
    {
        var (_, hits) = await _search.SearchAsync(question, k, SearchMode.Hybrid, cancellationToken);
        string answer, answeredBy;
        string? fallbackReason = null;
        if (hits.Count > 0 && _model.IsConfigured)
        {
            string? modelAnswer, failure;
            using (_gate.TryEnter() ?? throw new ModelBusyException())
            {
                (modelAnswer, failure) = await _model.AnswerAsync(question, hits, cancellationToken);
            }

            (answer, answeredBy, fallbackReason) = modelAnswer is not null
                ? (modelAnswer, AnsweredBy.Model, null)
                : (await ExtractAsync(question, hits, cancellationToken), AnsweredBy.Extractive, $"The model did not answer ({failure}); this answer is extractive.");
        }
        else
        {
            (answer, answeredBy) = (await ExtractAsync(question, hits, cancellationToken), AnsweredBy.Extractive);
        }

        var (text, citations) = hits.Count == 0 ? (answer, []) : CitationSelector.Select(answer, hits);
        _answers.Add(1, new KeyValuePair<string, object?>("answered_by", answeredBy), new KeyValuePair<string, object?>("fallback", fallbackReason is not null));
        return new AskResponse(question, text, citations, answeredBy, answeredBy == AnsweredBy.Model ? _model.ModelName : null,
            fallbackReason, MedicalDisclaimer.Text, _instance);
    }

    public void Dispose() => _meter.Dispose();

    private async Task<string> ExtractAsync(string question, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken) =>
        ExtractiveAnswerer.Answer(question, hits, await _meaning.ScoreAsync(question, hits, cancellationToken));
}
