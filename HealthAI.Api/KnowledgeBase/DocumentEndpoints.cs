using System.Text.Json;
using HealthAI.Api.Access;
using HealthAI.Api.Http;
using HealthAI.Api.KnowledgeBase.Idempotency;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase;

/// <summary><c>/api/documents</c>: ingest (single and batch), read, list and delete.</summary>
internal static class DocumentEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder routes)
    {
        var documents = routes.MapGroup("/api/documents").WithTags("Documents");
        documents.MapGet("/", ListAsync).WithName("ListDocuments");
        documents.MapGet("/{id}", GetAsync).WithName("GetDocument");
        var limits = routes.ServiceProvider.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;
        var writes = documents.MapGroup("").RequireEditorToken();
        foreach (var filter in routes.ServiceProvider.GetRequiredService<IOptions<DocumentWriteFilters>>().Value.Types)
        {
            writes.AddEndpointFilterFactory((context, next) =>
            {
                var instance = (IEndpointFilter)ActivatorUtilities.GetServiceOrCreateInstance(context.ApplicationServices, filter);
                return invocation => instance.InvokeAsync(invocation, next);
            });
        }

        writes.MapPost("/", IngestAsync).WithName("IngestDocument").WithRequestBodyLimit(limits.MaxDocumentBytes);
        writes.MapPost("/batch", IngestBatchAsync).WithName("IngestDocuments").WithRequestBodyLimit(limits.MaxBatchBytes);
        writes.MapDelete("/{id}", DeleteAsync).WithName("DeleteDocument");
        return routes;
    }

    private static async Task<IResult> IngestAsync(HttpRequest request, DocumentCommands commands, IOptions<KnowledgeBaseOptions> options,
        CancellationToken cancellationToken)
    {
        var kind = DocumentReader.KindOf(request);
        if (kind == DocumentReader.BodyKind.Unsupported)
        {
            return Problems.UnsupportedMediaType("Send a document as application/json, text/markdown or text/plain (UTF-8).");
        }

        var limit = options.Value.MaxDocumentBytes;
        if (await BoundedBody.ReadAsync(request, limit, cancellationToken) is not { } body)
        {
            return Problems.TooLarge(limit);
        }

        DocumentInput input;
        try
        {
            input = DocumentReader.ReadOne(kind, body, request.Query);
        }
        catch (JsonException malformed)
        {
            return Problems.BadRequest($"The body is not a valid document: {malformed.Message}");
        }
        catch (DocumentRejectedException rejected)
        {
            return Rejected(rejected);
        }

        var errors = new Dictionary<string, string[]>();
        if (DocumentValidator.Validate(input, "", errors) is not { } document)
        {
            return Problems.BadRequest("The document has invalid fields.", errors);
        }

        if (IdempotencyKey.From(request, body, out var keyError) is var key && keyError is not null)
        {
            return Problems.BadRequest(keyError);
        }

        return (await commands.IngestAsync(document, key, cancellationToken)).ToResult();
    }

    private static async Task<IResult> IngestBatchAsync(HttpRequest request, DocumentCommands commands, IOptions<KnowledgeBaseOptions> options,
        CancellationToken cancellationToken)
    {
        if (DocumentReader.KindOf(request) != DocumentReader.BodyKind.Json)
        {
            return Problems.UnsupportedMediaType("Send a batch as application/json: { \"documents\": [ { \"title\", \"text\", \"source\", \"tags\" } ] }.");
        }

        var limit = options.Value.MaxBatchBytes;
        if (await BoundedBody.ReadAsync(request, limit, cancellationToken) is not { } body)
        {
            return Problems.TooLarge(limit);
        }

        var maxDocuments = options.Value.MaxBatchDocuments;
        IReadOnlyList<DocumentInput> inputs;
        try
        {
            inputs = DocumentReader.ReadBatch(body, maxDocuments);
        }
        catch (JsonException malformed)
        {
            return Problems.BadRequest($"The body is not a valid batch: {malformed.Message}");
        }
        catch (DocumentRejectedException rejected)
        {
            return Rejected(rejected);
        }

        if (inputs.Count == 0)
        {
            return Problems.BadRequest($"A batch holds 1 to {maxDocuments} documents; got none.");
        }

        var errors = new Dictionary<string, string[]>();
        var documents = inputs.Select((input, index) => DocumentValidator.Validate(input, $"documents[{index}].", errors)).ToList();
        if (errors.Count > 0)
        {
            return Problems.BadRequest("Some documents have invalid fields; none was stored.", errors);
        }

        if (IdempotencyKey.From(request, body, out var keyError) is var key && keyError is not null)
        {
            return Problems.BadRequest(keyError);
        }

        return (await commands.IngestBatchAsync([.. documents.OfType<NewDocument>()], key, cancellationToken)).ToResult();
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DocumentRepository repository, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var offset = QueryParameters.Int(request, "offset", 0, 0, int.MaxValue, errors);
        var limit = QueryParameters.Int(request, "limit", DefaultPageSize, 1, MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.BadRequest("Bad paging parameters.", errors);
        }

        return TypedResults.Ok(await repository.ListAsync(offset, limit, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string id, DocumentRepository repository, IDocumentEmbeddingState embeddings, CancellationToken cancellationToken)
    {
        if (!DocumentId.IsWellFormed(id))
        {
            return Problems.BadRequest("A document id is 32 lower-case hexadecimal characters.");
        }

        return await repository.GetAsync(id, cancellationToken) is { } document
            ? TypedResults.Ok(document with { Embedding = await embeddings.StateAsync(id, cancellationToken) })
            : Problems.NotFound($"No document has the id {id}.");
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, DocumentCommands commands, CancellationToken cancellationToken)
    {
        if (!DocumentId.IsWellFormed(id))
        {
            return Problems.BadRequest("A document id is 32 lower-case hexadecimal characters.");
        }

        if (IdempotencyKey.From(request, [], out var keyError) is var key && keyError is not null)
        {
            return Problems.BadRequest(keyError);
        }

        return (await commands.DeleteAsync(id, key, cancellationToken)).ToResult();
    }

    private static IResult Rejected(DocumentRejectedException rejected) =>
        Problems.BadRequest("The body breaks a limit; it was not read further.", new Dictionary<string, string[]> { [rejected.Field] = [rejected.Message] });
}
