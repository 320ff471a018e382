using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace HealthAI.Api.Http;

/// <summary>
/// Reads a request body up to a limit. The limit is checked here rather than left to Kestrel so that
/// every host (Kestrel, the in-process test server) answers an oversize body with the same 413. The
/// body is held once: an exact array for a known length, pooled segments copied once for a chunked one.
/// </summary>
internal static class BoundedBody
{
    private const int SegmentBytes = 16 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="limitBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limitBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limitBytes)
        {
            return null;
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // One byte over the limit must still be readable here, so that it becomes our 413 and not Kestrel's.
            sizeFeature.MaxRequestBodySize = limitBytes + 1;
        }

        return request.ContentLength is { } length
            ? await ReadKnownLengthAsync(request.Body, (int)length, cancellationToken)
            : await ReadChunkedAsync(request.Body, limitBytes, cancellationToken);
    }

    private static async Task<byte[]?> ReadKnownLengthAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        // A host that does not frame by Content-Length (the test server) could send more: that is over the limit too.
        return filled == length && await body.ReadAsync(new byte[1], cancellationToken) == 0 ? buffer : null;
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, long limitBytes, CancellationToken cancellationToken)
    {
        var segments = new List<(byte[] Buffer, int Count)>();
        long total = 0;
        try
        {
            while (true)
            {
                var segment = ArrayPool<byte>.Shared.Rent(SegmentBytes);
                var read = await body.ReadAsync(segment.AsMemory(0, SegmentBytes), cancellationToken);
                segments.Add((segment, read));
                total += read;
                if (read == 0)
                {
                    break;
                }

                if (total > limitBytes)
                {
                    return null;
                }
            }

            var result = new byte[total];
            var offset = 0;
            foreach (var (buffer, count) in segments)
            {
                buffer.AsSpan(0, count).CopyTo(result.AsSpan(offset));
                offset += count;
            }

            return result;
        }
        finally
        {
            foreach (var (buffer, _) in segments)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
