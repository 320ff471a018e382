using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text;
using HealthAI.Api.Models;
using HealthAI.Api.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly;

namespace HealthAI.Api.Ask;

/// <summary>
/// Asks an OpenAI-compatible chat model to answer from the retrieved chunks only, through the
/// resilience pipeline. It never throws for a model problem: it returns the reason instead.
/// </summary>
internal sealed partial class ModelAnswerer : IDisposable
{
    private const string Instructions =
        "You answer health questions using only the numbered context passages. Cite every claim with the passage " +
        "number in square brackets, like [1]. If the passages do not contain the answer, say that the knowledge base " +
        "does not cover it. Do not give a diagnosis or dosing for an individual. Answer in at most five sentences.";

    private readonly ModelOptions _options;
    private readonly IChatClient? _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<ModelAnswerer> _logger;

    public ModelAnswerer(IOptions<ModelOptions> options, TimeProvider clock, ILogger<ModelAnswerer> logger)
    {
        _options = options.Value;
        _logger = logger;
        _pipeline = ModelPipeline.Create(_options, clock);
        if (_options.IsConfigured)
        {
            var client = new OpenAI.Chat.ChatClient(_options.Name, new ApiKeyCredential(_options.ApiKey.Length > 0 ? _options.ApiKey : "none"),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(_options.Endpoint),
                    // The pipeline above owns retries and timeouts; the SDK's own would multiply them.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = _options.AttemptTimeout,
                });
            _client = client.AsIChatClient();
        }
    }

    public bool IsConfigured => _client is not null;

    public string ModelName => _options.Name;

    /// <summary>The model's answer, or the reason there is none.</summary>
    public async Task<(string? Answer, string? FailureReason)> AnswerAsync(string question, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            return (null, "no model is configured");
        }

        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Instructions),
            new(ChatRole.User, Prompt(question, hits)),
        };
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async token => await _client.GetResponseAsync(messages, new ChatOptions { Temperature = 0.1f }, token), cancellationToken);
            var text = response.Text.Trim();
            return text.Length == 0 ? (null, "the model returned an empty answer") : (text, null);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ModelPipeline.Describe(error, _options);
            LogFallback(error, reason);
            return (null, reason);
        }
    }

    public void Dispose() => _client?.Dispose();

    private static string Prompt(string question, IReadOnlyList<SearchHit> hits)
    {
        var prompt = new StringBuilder("Context passages:\n");
        for (var i = 0; i < hits.Count; i++)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {hits[i].Title}\n{hits[i].Text}\n\n");
        }

        return prompt.Append("Question: ").Append(question).ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model did not answer ({Reason}); answering extractively")]
    private partial void LogFallback(Exception error, string reason);
}
