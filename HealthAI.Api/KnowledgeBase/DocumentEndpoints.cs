using System.Globalization;
using System.Text.Json;
using HealthAI.Api.Http;
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
        documents.MapPost("/", IngestAsync).WithName("IngestDocument");
        documents.MapPost("/batch", IngestBatchAsync).WithName("IngestDocuments");
        documents.MapGet("/", ListAsync).WithName("ListDocuments");
        documents.MapGet("/{id}", GetAsync).WithName("GetDocument");
        documents.MapDelete("/{id}", DeleteAsync).WithName("DeleteDocument");
        return routes;
    }

    private static async Task<IResult> IngestAsync(HttpRequest request, DocumentRepository repository, KnowledgeBaseMetrics metrics,
        IOptions<KnowledgeBaseOptions> options, CancellationToken cancellationToken)
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

        var errors = new Dictionary<string, string[]>();
        if (DocumentValidator.Validate(input, "", errors) is not { } document)
        {
            return Problems.BadRequest("The document has invalid fields.", errors);
        }

        var result = (await repository.IngestAsync([document], cancellationToken))[0];
        metrics.Ingested(result.Created ? 1 : 0, result.Created ? 0 : 1);
        return result.Created
            ? TypedResults.Created($"/api/documents/{result.Document.Id}", result.Document)
            : TypedResults.Ok(result.Document);
    }

    private static async Task<IResult> IngestBatchAsync(HttpRequest request, DocumentRepository repository, KnowledgeBaseMetrics metrics,
        IOptions<KnowledgeBaseOptions> options, CancellationToken cancellationToken)
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

        IReadOnlyList<DocumentInput> inputs;
        try
        {
            inputs = DocumentReader.ReadBatch(body);
        }
        catch (JsonException malformed)
        {
            return Problems.BadRequest($"The body is not a valid batch: {malformed.Message}");
        }

        if (inputs.Count == 0 || inputs.Count > options.Value.MaxBatchDocuments)
        {
            return Problems.BadRequest($"A batch holds 1 to {options.Value.MaxBatchDocuments} documents; got {inputs.Count}.");
        }

        var errors = new Dictionary<string, string[]>();
        var documents = inputs.Select((input, index) => DocumentValidator.Validate(input, $"documents[{index}].", errors)).ToList();
        if (errors.Count > 0)
        {
            return Problems.BadRequest("Some documents have invalid fields; none was stored.", errors);
        }

        var results = await repository.IngestAsync([.. documents.OfType<NewDocument>()], cancellationToken);
        var created = results.Count(result => result.Created);
        metrics.Ingested(created, results.Count - created);
        return TypedResults.Ok(new BatchIngestResponse(created, results.Count - created,
            [.. results.Select(result => new BatchIngestItem(result.Document.Id, result.Document.Title, result.Created ? "created" : "existing"))]));
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DocumentRepository repository, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var offset = QueryInt(request, "offset", 0, 0, int.MaxValue, errors);
        var limit = QueryInt(request, "limit", DefaultPageSize, 1, MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.BadRequest("Bad paging parameters.", errors);
        }

        return TypedResults.Ok(await repository.ListAsync(offset, limit, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string id, DocumentRepository repository, CancellationToken cancellationToken)
    {
        if (!DocumentId.IsWellFormed(id))
        {
            return Problems.BadRequest("A document id is 32 lower-case hexadecimal characters.");
        }

        return await repository.GetAsync(id, cancellationToken) is { } document
            ? TypedResults.Ok(document)
            : Problems.NotFound($"No document has the id {id}.");
    }

    private static async Task<IResult> DeleteAsync(string id, DocumentRepository repository, CancellationToken cancellationToken)
    {
        if (!DocumentId.IsWellFormed(id))
        {
            return Problems.BadRequest("A document id is 32 lower-case hexadecimal characters.");
        }

        return await repository.DeleteAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No document has the id {id}.");
    }

    /// <summary>An integer query parameter, read by hand so that a bad value is our 400 and not a binder's.</summary>
    public static int QueryInt(HttpRequest request, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"{name} must be an integer from {min} to {max}; got '{raw}'."];
        return fallback;
    }
}

/// <summary>The answer to a batch ingest.</summary>
internal sealed record BatchIngestResponse(int Created, int Existing, IReadOnlyList<BatchIngestItem> Documents);

/// <summary>One document of a batch: its id and whether it was <c>created</c> or already <c>existing</c>.</summary>
internal sealed record BatchIngestItem(string Id, string Title, string Status);
