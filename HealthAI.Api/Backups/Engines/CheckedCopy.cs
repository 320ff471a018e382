namespace HealthAI.Api.Backups.Engines;

/// <summary>
/// A backup's copy as its engine checked it. A restore that follows a verify uses this same object, so
/// whatever the check built (PostgreSQL's scratch database) is what gets restored, never built twice.
/// Disposing it drops what the check built.
/// </summary>
internal class CheckedCopy(string path, string integrity) : IAsyncDisposable
{
    /// <summary>The copy's file in the backups folder.</summary>
    public string Path => path;

    /// <summary><c>ok</c>, or what is wrong with the copy.</summary>
    public string Integrity => integrity;

    public bool IsIntact => Integrity == "ok";

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
