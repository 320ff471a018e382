namespace HealthAI.Testing;

/// <summary>
/// Machine-wide turns. The long one is for the drills that start whole systems under load and assert that no request fails:
/// the compose stacks (four replicas, the edges and a database in containers) and the CI-sized failure harness
/// (four replicas restarted at once). The test projects run in parallel, and on two cores one system's replicas
/// loading their models beside the other's drill made a replica that had just come back answer past the edges'
/// timeouts. The lock is the kernel's (<c>flock</c> behind <see cref="FileShare.None"/>), so a process that dies
/// gives it back; the file lives in the repository's <c>artifacts</c> folder.
/// </summary>
public sealed class HeavyDrillLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private readonly FileStream _file;

    private HeavyDrillLock(FileStream file) => _file = file;

    /// <summary>Waits for the turn; dispose to give it back.</summary>
    public static Task<HeavyDrillLock> AcquireAsync(CancellationToken cancellationToken) =>
        AcquireAsync("heavy-drill.lock", cancellationToken);

    /// <summary>
    /// A shorter turn, taken apart from the one above: the database failover drill's kill, promotion and rejoin, and
    /// the start of the app tests' shared system (four replicas loading their models at once). In the whole suite, a
    /// switch that met that start-up lost reads: every replica starved of CPU while it reconnected.
    /// </summary>
    public static Task<HeavyDrillLock> AcquireSwitchTurnAsync(CancellationToken cancellationToken) =>
        AcquireAsync("switch-turn.lock", cancellationToken);

    private static async Task<HeavyDrillLock> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var path = RepositoryPaths.Of("artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new HeavyDrillLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
