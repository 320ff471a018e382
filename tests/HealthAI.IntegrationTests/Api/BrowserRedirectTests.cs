using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HealthAI.Api.Tests;

public sealed class BrowserRedirectTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", HttpStatusCode.Found)]
    [InlineData("text/html", HttpStatusCode.Found)]
    [InlineData("application/json", HttpStatusCode.OK)]
    [InlineData("text/html, application/json", HttpStatusCode.OK)]
    [InlineData("*/*", HttpStatusCode.OK)]
    public async Task A_browser_asking_for_the_root_is_sent_to_the_page_and_API_clients_get_JSON(string accept, HttpStatusCode expected)
    {
        await using var api = new ApiFactory();
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await client.SendAsync(request, Cancel);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Found)
        {
            Assert.Equal("/static/index.html", response.Headers.Location?.OriginalString);
        }
    }
}
