namespace HealthAI.AppHost.Replicas;

/// <summary>Whether a replica variable's value may be written into a deployment file or must come from a secret.</summary>
public enum ReplicaVariableKind
{
    /// <summary>Written as it is.</summary>
    Plain,

    /// <summary>From a secret: a parameter of the app model, <c>.env</c>, or a Kubernetes Secret.</summary>
    Secret,
}

/// <summary>One environment variable of a replica (<see cref="ReplicaEnvironment"/>).</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Kind">Plain or secret.</param>
public sealed record ReplicaVariable(string Name, ReplicaVariableKind Kind)
{
    /// <summary>The secret parameter of the app model that holds its value, when one does.</summary>
    public string? Parameter { get; init; }

    /// <summary>Whether it is a list, set as <c>Name__0</c>, <c>Name__1</c>... (or as <c>Name</c> alone, empty, for an empty list).</summary>
    public bool IsList { get; init; }

    /// <summary>Whether the variable <paramref name="key"/> sets this one (or, for a list, one of its elements).</summary>
    public bool Sets(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key == Name
            || (IsList && key.StartsWith(Name + "__", StringComparison.Ordinal) && int.TryParse(key.AsSpan(Name.Length + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _));
    }
}
