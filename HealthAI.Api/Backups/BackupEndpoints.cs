using HealthAI.Api.Access;
using HealthAI.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthAI.Api.Backups;

/// <summary><c>/backup</c>: take, list, describe, download, verify and restore backups. Admin only.</summary>
internal static class BackupEndpoints
{
    public static IEndpointRouteBuilder MapBackupEndpoints(this IEndpointRouteBuilder routes)
    {
        var backups = routes.MapAdminGroup().WithTags("Backups");
        backups.MapPost("/", CreateAsync).WithName("CreateBackup");
        backups.MapGet("/", List).WithName("ListBackups");
        backups.MapGet("/{id}", Describe).WithName("DescribeBackup");
        backups.MapGet("/{id}/download", Download).WithName("DownloadBackup");
        backups.MapPost("/{id}/verify", VerifyAsync).WithName("VerifyBackup");
        backups.MapPost("/{id}/restore", RestoreAsync).WithName("RestoreBackup");
        return routes;
    }

    private static async Task<IResult> CreateAsync(BackupWriter writer, CancellationToken cancellationToken)
    {
        var manifest = await writer.CreateAsync(BackupTrigger.Manual, null, cancellationToken);
        return TypedResults.Created($"/backup/{manifest.Id}", manifest);
    }

    private static Ok<BackupList> List(BackupCatalog catalog) => TypedResults.Ok(new BackupList(catalog.List()));

    private static IResult Describe(string id, BackupCatalog catalog) =>
        Find(id, catalog, out var manifest) ?? TypedResults.Ok(manifest);

    private static IResult Download(string id, BackupCatalog catalog, HttpResponse response)
    {
        if (Find(id, catalog, out var manifest) is { } problem)
        {
            return problem;
        }

        // RFC 9530: lets the client check what it received against the manifest.
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(manifest!.Sha256))}:";
        return TypedResults.PhysicalFile(catalog.DatabaseOf(id), catalog.ContentType, $"healthai-{id}{Path.GetExtension(catalog.DatabaseFileName)}", enableRangeProcessing: true);
    }

    private static async Task<IResult> VerifyAsync(string id, BackupCatalog catalog, BackupVerifier verifier, CancellationToken cancellationToken)
    {
        if (Find(id, catalog, out var manifest) is { } problem)
        {
            return problem;
        }

        var verification = await verifier.VerifyAsync(manifest!, cancellationToken);
        return verification.Valid
            ? TypedResults.Ok(verification)
            : Invalid($"Backup {id} does not verify: {verification.Integrity}; SHA-256 matches: {verification.Sha256Matches}.", verification);
    }

    private static async Task<IResult> RestoreAsync(string id, BackupCatalog catalog, BackupRestorer restorer, CancellationToken cancellationToken)
    {
        if (Find(id, catalog, out var manifest) is { } problem)
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(await restorer.RestoreAsync(manifest!, cancellationToken));
        }
        catch (RestoreRefusedException refused) when (refused.Verification is { } verification)
        {
            return Invalid(refused.Message, verification);
        }
        catch (RestoreRefusedException refused)
        {
            return TypedResults.Problem(statusCode: refused.Status, title: "Restore refused", detail: refused.Message);
        }
    }

    /// <summary>A problem for a malformed (400) or unknown (404) id, or null with the manifest.</summary>
    private static IResult? Find(string id, BackupCatalog catalog, out BackupManifest? manifest)
    {
        manifest = null;
        if (!BackupId.IsWellFormed(id))
        {
            return Problems.BadRequest("A backup id looks like 20250101T120000123Z-a1b2c3.");
        }

        manifest = catalog.Find(id);
        return manifest is null ? Problems.NotFound($"There is no backup {id}.") : null;
    }

    private static ProblemHttpResult Invalid(string detail, BackupVerification verification) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, title: "Backup does not verify", detail: detail,
        extensions: new Dictionary<string, object?> { ["verification"] = verification });
}

/// <summary>The answer at <c>GET /backup</c>: every backup, newest first.</summary>
internal sealed record BackupList(IReadOnlyList<BackupManifest> Backups);
