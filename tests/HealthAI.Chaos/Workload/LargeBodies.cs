using System.Text;
using System.Text.Json;

namespace HealthAI.Chaos.Workload;

/// <summary>
/// Request bodies at exactly the API's maxima: a document of <c>MaxDocumentBytes</c> and a batch of
/// <c>MaxBatchBytes</c> holding <c>MaxBatchDocuments</c> documents. Far above nginx's in-memory body buffer,
/// so they pass only if the edge can write its temp files. Unique per run, so the document is new (201).
/// </summary>
internal static class LargeBodies
{
    private static readonly string[] Tags = ["chaos", "large"];

    public static byte[] Document(long bytes, string nonce) => Exactly(bytes, filler => new
    {
        title = $"Large document {nonce}",
        text = filler,
        source = "chaos-harness",
        tags = Tags,
    });

    public static byte[] Batch(long bytes, int documents, string nonce)
    {
        // Each document gets an equal share of the body; the last one absorbs the remainder.
        var empty = BatchJson(documents, nonce, _ => "").Length;
        var share = (bytes - empty) / documents;
        var body = BatchJson(documents, nonce, i => Filler(i == documents - 1 ? bytes - empty - (share * (documents - 1)) : share, $"{nonce}-{i}"));
        return body.Length == bytes ? body : throw new InvalidOperationException($"The batch is {body.Length} bytes, not {bytes}.");
    }

    private static byte[] BatchJson(int documents, string nonce, Func<int, string> text) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            documents = Enumerable.Range(0, documents).Select(i => new
            {
                title = $"Large batch {nonce} document {i}",
                text = text(i),
                source = "chaos-harness",
                tags = Tags,
            }),
        });

    private static byte[] Exactly(long bytes, Func<string, object> shape)
    {
        var empty = JsonSerializer.SerializeToUtf8Bytes(shape("")).Length;
        var body = JsonSerializer.SerializeToUtf8Bytes(shape(Filler(bytes - empty, "doc")));
        return body.Length == bytes ? body : throw new InvalidOperationException($"The document is {body.Length} bytes, not {bytes}.");
    }

    // Plain ASCII sentences (one byte per character in JSON), cut to the exact length, ending in a letter.
    private static string Filler(long length, string salt)
    {
        var text = new StringBuilder((int)length + 64);
        for (var sentence = 0; text.Length < length; sentence++)
        {
            text.Append("Sentence ").Append(sentence).Append(" of ").Append(salt).Append(" keeps health facts in order. ");
        }

        text.Length = (int)length;
        if (length > 0)
        {
            text[^1] = 'x';
        }

        return text.ToString();
    }
}
