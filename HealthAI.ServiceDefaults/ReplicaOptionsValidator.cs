using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HealthAI.ServiceDefaults;

/// <summary>Rejects replica settings that would make the replica unidentifiable or unable to drain.</summary>
internal sealed partial class ReplicaOptionsValidator : IValidateOptions<ReplicaOptions>
{
    private static readonly TimeSpan MaxDrain = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, ReplicaOptions options)
    {
        var failures = new List<string>();
        if (!InstancePattern().IsMatch(options.Instance))
        {
            failures.Add($"{ReplicaOptions.InstanceVariable} (or {ReplicaOptions.SectionName}:{nameof(ReplicaOptions.Instance)}) " +
                $"must be 1 to 32 letters, digits or '-', starting with a letter or digit; got '{options.Instance}'.");
        }

        if (options.DrainPeriod < TimeSpan.Zero || options.DrainPeriod > MaxDrain)
        {
            failures.Add($"{ReplicaOptions.SectionName}:{nameof(ReplicaOptions.DrainPeriod)} must be between 00:00:00 and {MaxDrain}; got {options.DrainPeriod}.");
        }

        if (options.InFlightGracePeriod <= TimeSpan.Zero || options.InFlightGracePeriod > MaxDrain)
        {
            failures.Add($"{ReplicaOptions.SectionName}:{nameof(ReplicaOptions.InFlightGracePeriod)} must be above 00:00:00 and at most {MaxDrain}; got {options.InFlightGracePeriod}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    private static partial Regex InstancePattern();
}
