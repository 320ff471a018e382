namespace HealthAI.Edge.Policy;

/// <summary>A response header name and value.</summary>
/// <param name="Name">Header name.</param>
/// <param name="Value">Header value.</param>
public sealed record HttpHeader(string Name, string Value);
