using HealthAI.Hosting;

namespace HealthAI.Testing;

/// <summary>A folder of the test's own, deleted with it (and by the next run if the test process died first).</summary>
internal sealed class TempDirectory : IDisposable
{
    private readonly RunDirectory _run = RunDirectory.Create("test");

    public string Path => _run.Path;

    public void Dispose() => _run.Dispose();
}
