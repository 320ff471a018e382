namespace HealthAI.Api.Http;

/// <summary>
/// Reads a request body up to a limit. The limit is checked here rather than left to Kestrel so that
/// every host (Kestrel, the in-process test server) answers an oversize body with the same 413.
/// </summary>
internal static class BoundedBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limitBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limitBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limitBytes)
        {
            return null;
        }

        var sizeFeature = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // One byte over the limit must still be readable here, so that it becomes our 413 and not Kestrel's.
            sizeFeature.MaxRequestBodySize = limitBytes + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limitBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
