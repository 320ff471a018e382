using HealthAI.Hosting;

namespace HealthAI.Chaos.Faults;

/// <summary>
/// Freezes a process with SIGSTOP and thaws it with SIGCONT: from outside it looks like a long GC pause,
/// a VM freeze or a deadlock. The kernel still accepts connections to its port and buffers what is sent,
/// so nothing is refused: requests simply get no answer.
/// </summary>
internal sealed class ProcessFreeze : IAsyncDisposable
{
    private const int Stop = 19;
    private const int Continue = 18;

    private readonly int _processId;
    private bool _frozen;

    private ProcessFreeze(int processId)
    {
        _processId = processId;
        ProcessSignals.Send(processId, Stop);
        _frozen = true;
    }

    public static ProcessFreeze Start(int processId) => new(processId);

    /// <summary>Thaws the process; safe to call twice.</summary>
    public void Release()
    {
        if (_frozen)
        {
            ProcessSignals.Send(_processId, Continue);
            _frozen = false;
        }
    }

    public ValueTask DisposeAsync()
    {
        Release();
        return ValueTask.CompletedTask;
    }
}
