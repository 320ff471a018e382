using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>Rejects backup settings that would keep nothing, schedule nonsense or guard /backup weakly, naming the key.</summary>
internal sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    public const int MinTokenLength = 16;
    public const int MinManifestKeyLength = 32;
    private const string Section = BackupOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var failures = new List<string>();
        if (options.IsConfigured && (options.AdminToken.Length < MinTokenLength || options.AdminToken.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{Section}:{nameof(options.AdminToken)} must be at least {MinTokenLength} characters without spaces, or empty to turn /backup off.");
        }

        if (options.IsConfigured && (options.ManifestKey.Length < MinManifestKeyLength || options.ManifestKey == options.AdminToken))
        {
            failures.Add($"{Section}:{nameof(options.ManifestKey)} must be at least {MinManifestKeyLength} characters and differ from {Section}:{nameof(options.AdminToken)} while /backup is on.");
        }

        if (options.Retention.Newest is < 1 or > 1000)
        {
            failures.Add($"{Section}:{nameof(options.Retention)}:{nameof(options.Retention.Newest)} must be between 1 and 1000; got {options.Retention.Newest}.");
        }

        if (options.Retention.DailyDays is < 0 or > 3650)
        {
            failures.Add($"{Section}:{nameof(options.Retention)}:{nameof(options.Retention.DailyDays)} must be between 0 and 3650; got {options.Retention.DailyDays}.");
        }

        if (options.Retention.PreRestoreDays is < 0 or > 3650)
        {
            failures.Add($"{Section}:{nameof(options.Retention)}:{nameof(options.Retention.PreRestoreDays)} must be between 0 and 3650; got {options.Retention.PreRestoreDays}.");
        }

        if (options.Schedule.Interval is { } interval && (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromDays(7)))
        {
            failures.Add($"{Section}:{nameof(options.Schedule)}:{nameof(options.Schedule.Interval)} must be between 00:00:01 and 7.00:00:00, or unset; got {interval}.");
        }

        if (options.MinFreeBytes < 0)
        {
            failures.Add($"{Section}:{nameof(options.MinFreeBytes)} must not be negative; got {options.MinFreeBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
