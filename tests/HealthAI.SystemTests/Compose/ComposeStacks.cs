namespace HealthAI.Compose.Tests;

/// <summary>
/// The compose stacks share one backend subnet, the published ports and the Docker daemon: their test
/// classes are one collection, so one stack runs at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ComposeStacks
{
    public const string Name = "compose stacks";
}
