namespace HealthAI.Compose.Tests;

/// <summary>
/// The figures of a run (build and start-up times, each drill's sent, failed, p99 and max), appended as
/// they are known, so that an aborted run still tells how far it got. Begun afresh by each test run.
/// </summary>
internal sealed class ReportFile
{
    private readonly string _path;

    public ReportFile(string path)
    {
        _path = path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"# HealthAI compose stack tests, {DateTime.UtcNow:u}\n");
    }

    public void Add(string line)
    {
        lock (_path)
        {
            File.AppendAllText(_path, line + "\n");
        }
    }
}
