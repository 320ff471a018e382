namespace HealthAI.Api.Ask;

/// <summary>Every model slot of this replica is taken (<see cref="ModelCallGate"/>): answered 503 with <c>Retry-After</c>, which an edge replays elsewhere.</summary>
public sealed class ModelBusyException : Exception
{
    public ModelBusyException()
        : base("This replica is answering as many questions with the model as it may at once; try again shortly.")
    {
    }

    public ModelBusyException(string message)
        : base(message)
    {
    }

    public ModelBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
