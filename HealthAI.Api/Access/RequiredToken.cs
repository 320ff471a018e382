namespace HealthAI.Api.Access;

/// <summary>Endpoint metadata: the bearer token an endpoint requires, so that the edges' route table can be checked against it.</summary>
internal sealed record RequiredToken(string Role)
{
    /// <summary>Backups, re-embedding: operators (<see cref="AdminTokenFilter"/>).</summary>
    public static RequiredToken Admin { get; } = new("admin");

    /// <summary>Ingest, batch and delete: editors (<see cref="EditorTokenFilter"/>).</summary>
    public static RequiredToken Editor { get; } = new("editor");
}
