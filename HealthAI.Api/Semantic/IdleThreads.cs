using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace HealthAI.Api.Semantic;

/// <summary>
/// Dedicated threads that Linux runs only on CPU time nothing else wants (<c>SCHED_IDLE</c>): a backlog of
/// embeddings then takes every idle cycle of the replica, and a request that needs a core gets it at once
/// instead of queuing behind a batch. Where the policy cannot be set, the threads run at normal priority and
/// <see cref="IsIdlePriority"/> says so.
/// </summary>
internal sealed partial class IdleThreads : IDisposable
{
    private const int SchedIdle = 5;
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread[] _threads;
    private int _idlePriority;

    public IdleThreads(int count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = [.. Enumerable.Range(0, count).Select(i => new Thread(Run) { IsBackground = true, Name = $"{name} {i + 1}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public int Count => _threads.Length;

    /// <summary>True when every thread got the idle policy (false before they have started, or off Linux).</summary>
    public bool IsIdlePriority => Volatile.Read(ref _idlePriority) == _threads.Length;

    /// <summary>Runs <paramref name="work"/> on one of the threads; its synchronous part is what runs at idle priority.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<Task<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                result.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                result.TrySetResult(work());
            }
            catch (Exception error)
            {
                result.TrySetException(error);
            }
        }, cancellationToken);
        return result.Task.Unwrap();
    }

    public void Dispose() => _work.CompleteAdding();

    private void Run()
    {
        if (OperatingSystem.IsLinux() && SetScheduler(0, SchedIdle, new SchedParam()) == 0)
        {
            Interlocked.Increment(ref _idlePriority);
        }

        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct SchedParam
    {
        public readonly int Priority;
    }

    // With pid 0, Linux sets the policy of the calling thread only.
    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SetScheduler(int pid, int policy, in SchedParam param);
}
