using HealthAI.Api.Models;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Ask;

/// <summary>Rejects a model configuration that could never answer, or could hold a request too long, naming the key.</summary>
internal sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    private const string Section = ModelOptions.SectionName;
    private const int MaxConcurrentCallsLimit = 1024;

    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var failures = new List<string>();
        if (options.IsConfigured)
        {
            if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                failures.Add($"{Section}:{nameof(options.Endpoint)} must be an absolute http or https URL; got '{options.Endpoint}'.");
            }

            if (string.IsNullOrWhiteSpace(options.Name))
            {
                failures.Add($"{Section}:{nameof(options.Name)} is required when {Section}:{nameof(options.Endpoint)} is set.");
            }
        }

        if (options.MaxConcurrentCalls is < 1 or > MaxConcurrentCallsLimit)
        {
            failures.Add($"{Section}:{nameof(options.MaxConcurrentCalls)} must be between 1 and {MaxConcurrentCallsLimit}; got {options.MaxConcurrentCalls}.");
        }

        ModelBudgetValidation.Validate(options, Section, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
