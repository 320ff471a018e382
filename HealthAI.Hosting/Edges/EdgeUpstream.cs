using Aspire.Hosting.ApplicationModel;
using HealthAI.Edge.Policy;

namespace HealthAI.Hosting;

/// <summary>A resource endpoint that an edge balances over, and its role.</summary>
public sealed record EdgeUpstream(EndpointReference Endpoint, UpstreamRole Role);
