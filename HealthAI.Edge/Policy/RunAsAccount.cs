namespace HealthAI.Edge.Policy;

/// <summary>Account the workers switch to when the edge is started as root.</summary>
/// <param name="User">User name.</param>
/// <param name="Group">Group name.</param>
public sealed record RunAsAccount(string User, string Group);
