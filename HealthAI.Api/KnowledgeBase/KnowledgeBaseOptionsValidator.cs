using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Rejects knowledge base settings that would make ingest or locking misbehave, naming the key.</summary>
internal sealed class KnowledgeBaseOptionsValidator : IValidateOptions<KnowledgeBaseOptions>
{
    public const int MinTokenLength = 16;
    private const string Section = KnowledgeBaseOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, KnowledgeBaseOptions options)
    {
        var failures = new List<string>();
        if (options.MaxDocumentBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{Section}:{nameof(options.MaxDocumentBytes)} must be between 1024 and 16777216; got {options.MaxDocumentBytes}.");
        }

        if (options.MaxBatchBytes < options.MaxDocumentBytes || options.MaxBatchBytes > 64 * 1024 * 1024)
        {
            failures.Add($"{Section}:{nameof(options.MaxBatchBytes)} must be at least {Section}:{nameof(options.MaxDocumentBytes)} and at most 67108864; got {options.MaxBatchBytes}.");
        }

        if (options.MaxBatchDocuments is < 1 or > 1000)
        {
            failures.Add($"{Section}:{nameof(options.MaxBatchDocuments)} must be between 1 and 1000; got {options.MaxBatchDocuments}.");
        }

        if (options.ChunkCharacters is < 200 or > 4000)
        {
            failures.Add($"{Section}:{nameof(options.ChunkCharacters)} must be between 200 and 4000; got {options.ChunkCharacters}.");
        }

        if (options.BusyTimeout < TimeSpan.FromMilliseconds(100) || options.BusyTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(options.BusyTimeout)} must be between 00:00:00.1 and 00:01:00; got {options.BusyTimeout}.");
        }

        if (options.EditorToken.Length > 0 && (options.EditorToken.Length < MinTokenLength || options.EditorToken.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{Section}:{nameof(options.EditorToken)} must be at least {MinTokenLength} characters without spaces, or empty to close writes.");
        }

        if (options.IdempotencyRetention < TimeSpan.FromHours(24) || options.IdempotencyRetention > TimeSpan.FromDays(30))
        {
            failures.Add($"{Section}:{nameof(options.IdempotencyRetention)} must be between 1.00:00:00 and 30.00:00:00; got {options.IdempotencyRetention}.");
        }

        if (!Enum.IsDefined(options.Engine))
        {
            failures.Add($"{Section}:{nameof(options.Engine)} must be {KnowledgeBaseEngine.Sqlite} or {KnowledgeBaseEngine.PostgreSql}; got {options.Engine}.");
        }

        if (options.Engine == KnowledgeBaseEngine.PostgreSql && !IsConnectionString(options.ConnectionString))
        {
            failures.Add($"{Section}:{nameof(options.ConnectionString)} must be a PostgreSQL connection string (Host=...;Database=...) when {Section}:{nameof(options.Engine)} is {KnowledgeBaseEngine.PostgreSql}.");
        }

        if (options.MinFreeBytes < 0)
        {
            failures.Add($"{Section}:{nameof(options.MinFreeBytes)} must not be negative; got {options.MinFreeBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            var parsed = new Npgsql.NpgsqlConnectionStringBuilder(value);
            return !string.IsNullOrWhiteSpace(parsed.Host) && !string.IsNullOrWhiteSpace(parsed.Database);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
