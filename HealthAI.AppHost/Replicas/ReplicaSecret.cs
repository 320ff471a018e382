namespace HealthAI.AppHost.Replicas;

/// <summary>A replica setting whose value is a secret parameter of the app model: the setting's key and the parameter's name.</summary>
public sealed record ReplicaSecret(string Key, string Parameter);
