using HealthAI.Api.Models;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Semantic;

/// <summary>Rejects an embedding configuration that could never embed, naming the key.</summary>
internal sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    private const string Section = EmbeddingOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:{nameof(options.Provider)} must be None, ArcticXs or OpenAI; got '{options.Provider}'.");
        }

        if (options.Provider == EmbeddingProvider.OpenAI)
        {
            if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                failures.Add($"{Section}:{nameof(options.Endpoint)} must be an absolute http or https URL when {Section}:{nameof(options.Provider)} is OpenAI; got '{options.Endpoint}'.");
            }

            if (string.IsNullOrWhiteSpace(options.Name))
            {
                failures.Add($"{Section}:{nameof(options.Name)} is required when {Section}:{nameof(options.Provider)} is OpenAI.");
            }
        }

        if (options.Dimensions is < 1 or > 4096)
        {
            failures.Add($"{Section}:{nameof(options.Dimensions)} must be from 1 to 4096; got {options.Dimensions}.");
        }

        if (options.Provider == EmbeddingProvider.ArcticXs && options.Dimensions != ArcticXsEmbeddingGenerator.Dimensions)
        {
            failures.Add($"{Section}:{nameof(options.Dimensions)} must be {ArcticXsEmbeddingGenerator.Dimensions} for arctic-embed-xs; got {options.Dimensions}.");
        }

        if (options.BatchSize is < 1 or > 256)
        {
            failures.Add($"{Section}:{nameof(options.BatchSize)} must be from 1 to 256; got {options.BatchSize}.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:{nameof(options.PollInterval)} must be between 00:00:00.1 and 00:10:00; got {options.PollInterval}.");
        }

        if (options.BackgroundThreads is < 1 or > 64)
        {
            failures.Add($"{Section}:{nameof(options.BackgroundThreads)} must be from 1 to 64; got {options.BackgroundThreads}.");
        }

        if (options.ClaimHold < TimeSpan.FromSeconds(10) || options.ClaimHold > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:{nameof(options.ClaimHold)} must be between 00:00:10 and 01:00:00; got {options.ClaimHold}.");
        }

        if (options.CandidatePool is < 1 or > 1000)
        {
            failures.Add($"{Section}:{nameof(options.CandidatePool)} must be from 1 to 1000; got {options.CandidatePool}.");
        }

        if (options.SemanticWeight is <= 0 or > 10 || double.IsNaN(options.SemanticWeight))
        {
            failures.Add($"{Section}:{nameof(options.SemanticWeight)} must be above 0 and at most 10; got {options.SemanticWeight}.");
        }

        if (options.MinSimilarity is < -1 or > 1 || double.IsNaN(options.MinSimilarity))
        {
            failures.Add($"{Section}:{nameof(options.MinSimilarity)} must be from -1 to 1; got {options.MinSimilarity}.");
        }

        ModelBudgetValidation.Validate(options, Section, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
