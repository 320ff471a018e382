namespace HealthAI.AppHost.Replicas;

/// <summary>A replica variable whose value is a secret parameter of the app model: the variable and the parameter's name.</summary>
public sealed record ReplicaSecret(string Key, string Parameter);
