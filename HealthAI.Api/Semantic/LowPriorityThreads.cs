using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace HealthAI.Api.Semantic;

/// <summary>
/// Dedicated threads at the lowest nice value (19): a backlog of embeddings takes the CPU time requests leave,
/// and a request that needs a core gets nearly all of it. Not <c>SCHED_IDLE</c>: a thread of that policy can wait
/// seconds for a core on a busy host, and the runtime's stop-the-world garbage collection waits for every thread
/// running managed code, so the whole replica would wait with it; at nice 19 such a wait is a few scheduler slices.
/// Where the nice value cannot be set, the threads run at normal priority and <see cref="IsLowPriority"/> says so.
/// </summary>
internal sealed partial class LowPriorityThreads : IDisposable
{
    private const int PrioProcess = 0;
    private const int LowestPriority = 19;
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread[] _threads;
    private int _lowPriority;

    public LowPriorityThreads(int count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = [.. Enumerable.Range(0, count).Select(i => new Thread(Run) { IsBackground = true, Name = $"{name} {i + 1}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>True when every thread got nice 19 (false before they have started, or off Linux).</summary>
    public bool IsLowPriority => Volatile.Read(ref _lowPriority) == _threads.Length;

    /// <summary>Runs <paramref name="work"/> on one of the threads; its synchronous part is what runs at low priority.</summary>
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
        if (OperatingSystem.IsLinux() && SetPriority(PrioProcess, 0, LowestPriority) == 0)
        {
            Interlocked.Increment(ref _lowPriority);
        }

        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    // With PRIO_PROCESS and 0, Linux sets the nice value of the calling thread only.
    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SetPriority(int which, int who, int priority);
}
