namespace HealthAI.AppHost.Tests;

[Collection(HealthAIAppGroup.Name)]
public sealed class EdgeSmokeTests(HealthAIAppFixture fixture)
{
    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task The_edge_serves_the_api_over_https(string edge)
    {
        using var client = LoopbackClients.Create(trustedEdgeCertificate: fixture.EdgeCertificate);

        var response = await client.GetAsync(fixture.Endpoint(edge, "https"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
