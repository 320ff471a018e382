using Microsoft.Extensions.Options;

namespace HealthAI.Api.Ask;

/// <summary>Rejects a model configuration that could never answer, or could hold a request too long, naming the key.</summary>
internal sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    private const string Section = ModelOptions.SectionName;
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(2);

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

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            failures.Add($"{Section}:{nameof(options.Timeout)} must be above 00:00:00 and at most {MaxTimeout}; got {options.Timeout}.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > options.Timeout)
        {
            failures.Add($"{Section}:{nameof(options.AttemptTimeout)} must be above 00:00:00 and at most {Section}:{nameof(options.Timeout)}; got {options.AttemptTimeout}.");
        }

        if (options.MaxRetries is < 0 or > 5)
        {
            failures.Add($"{Section}:{nameof(options.MaxRetries)} must be between 0 and 5; got {options.MaxRetries}.");
        }

        if (options.BreakDuration < TimeSpan.FromMilliseconds(500) || options.BreakDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:{nameof(options.BreakDuration)} must be between 00:00:00.5 and 01:00:00; got {options.BreakDuration}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
