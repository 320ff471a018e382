using System.Globalization;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// One generation of the knowledge base file. A restore never overwrites a file that replicas have
/// open: it writes the next generation beside it and moves the pointer.
/// </summary>
internal sealed record DatabaseGeneration(long Number, string Path)
{
    public static string FileName(long number) => $"knowledge.g{number.ToString("D6", CultureInfo.InvariantCulture)}.db";
}
