using Microsoft.Extensions.Options;

namespace HealthAI.Api.Ask;

/// <summary>
/// Bounds the model calls one replica has in flight (<see cref="ModelOptions.MaxConcurrentCalls"/>), with no queue:
/// a call past the bound is refused at once, so a burst of questions cannot pile up sockets and threads waiting on
/// a slow model. Extractive answers never pass through it.
/// </summary>
internal sealed class ModelCallGate(IOptions<ModelOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentCalls, options.Value.MaxConcurrentCalls);

    /// <summary>A slot, released when disposed; null when every slot is taken.</summary>
    public Slot? TryEnter() => _slots.Wait(0) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    /// <summary>One model call's place.</summary>
    public sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
