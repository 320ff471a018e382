using HealthAI.Api.KnowledgeBase.Idempotency;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// The knowledge base's writes: each in one transaction under its idempotency key, counted in the metrics once it
/// committed (not when replayed), and announced to whoever keeps derived data (the embedding worker).
/// </summary>
internal sealed class DocumentCommands(DocumentRepository repository, IdempotentWrites writes, KnowledgeBaseMetrics metrics, KnowledgeBaseChanges changes)
{
    public async Task<WriteOutcome> IngestAsync(NewDocument document, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var (outcome, created) = await writes.RunAsync(key, async (connection, transaction, token) =>
        {
            var result = (await repository.IngestAsync(connection, transaction, [document], token))[0];
            return (result.Created
                ? WriteOutcome.Created($"/api/documents/{result.Document.Id}", result.Document)
                : WriteOutcome.Json200(result.Document), result.Created);
        }, cancellationToken);
        if (outcome.IsFreshCommit)
        {
            metrics.Ingested(created ? 1 : 0, created ? 0 : 1);
        }

        return Committed(outcome);
    }

    public async Task<WriteOutcome> IngestBatchAsync(IReadOnlyList<NewDocument> documents, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var (outcome, counts) = await writes.RunAsync(key, async (connection, transaction, token) =>
        {
            var results = await repository.IngestAsync(connection, transaction, documents, token);
            var created = results.Count(result => result.Created);
            var existing = results.Count - created;
            return (WriteOutcome.Json200(new BatchIngestResponse(created, existing,
                [.. results.Select(result => new BatchIngestItem(result.Document.Id, result.Document.Title, result.Created ? "created" : "existing"))])),
                (Created: created, Existing: existing));
        }, cancellationToken);
        if (outcome.IsFreshCommit)
        {
            metrics.Ingested(counts.Created, counts.Existing);
        }

        return Committed(outcome);
    }

    public async Task<WriteOutcome> DeleteAsync(string id, IdempotencyKey? key, CancellationToken cancellationToken) =>
        Committed(await writes.RunAsync(key, async (connection, transaction, token) =>
            await DocumentRepository.DeleteAsync(connection, transaction, id, token)
                ? WriteOutcome.NoContent()
                : WriteOutcome.Problem(StatusCodes.Status404NotFound, "Not found", $"No document has the id {id}."), cancellationToken));

    private WriteOutcome Committed(WriteOutcome outcome)
    {
        if (outcome.IsFreshCommit)
        {
            changes.Notify();
        }

        return outcome;
    }
}

/// <summary>The answer to a batch ingest.</summary>
internal sealed record BatchIngestResponse(int Created, int Existing, IReadOnlyList<BatchIngestItem> Documents);

/// <summary>One document of a batch: its id and whether it was <c>created</c> or already <c>existing</c>.</summary>
internal sealed record BatchIngestItem(string Id, string Title, string Status);
