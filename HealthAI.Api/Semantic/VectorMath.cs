using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace HealthAI.Api.Semantic;

/// <summary>Vectors as the index and the store keep them: unit length (so a dot product is the cosine), float32 little-endian bytes.</summary>
internal static class VectorMath
{
    /// <summary>A unit-length copy; a remote model need not normalise, and the index ranks by dot product.</summary>
    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        var norm = TensorPrimitives.Norm(copy);
        if (norm > 0)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }

    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    /// <summary>Reads <paramref name="bytes"/> as floats into <paramref name="destination"/>; false when the lengths do not match.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        if (bytes.Length != destination.Length * sizeof(float))
        {
            return false;
        }

        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
        return true;
    }
}
