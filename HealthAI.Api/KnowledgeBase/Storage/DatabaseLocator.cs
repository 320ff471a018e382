using System.Globalization;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// Reads and moves the generation pointer (<c>CURRENT</c> in the data directory) that every replica
/// consults before it opens a connection. The pointer changes only by an atomic rename, so a reader
/// sees either the old generation or the new one, never a torn file.
/// </summary>
internal sealed class DatabaseLocator(IOptions<KnowledgeBaseOptions> options)
{
    public const string PointerFileName = "CURRENT";

    public string DataDirectory { get; } = options.Value.DataDirectory;

    private string PointerPath => Path.Combine(DataDirectory, PointerFileName);

    /// <summary>
    /// The generation every replica should use now. Generation 1 is created only on a fresh volume (no
    /// generation file at all): a pointer that vanished beside existing data is an operator's problem to
    /// solve, and answering from a new empty file would serve an empty knowledge base and back it up.
    /// </summary>
    public DatabaseGeneration Current()
    {
        try
        {
            return Describe(ReadPointer());
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            // The first replica on a fresh volume writes the pointer before any generation file, so files
            // without a pointer, checked after the files, mean the pointer was lost, not that it is being made.
            if (HasGenerationFiles() && !File.Exists(PointerPath))
            {
                throw new KnowledgeBaseUnavailableException(
                    $"The generation pointer {PointerPath} is missing but generation files exist in {DataDirectory}: " +
                    $"write the number of the generation to serve into {PointerFileName}.");
            }

            if (!File.Exists(PointerPath))
            {
                CreateFirstPointer();
            }

            return Describe(ReadPointer());
        }
    }

    public DatabaseGeneration Describe(long number) => new(number, Path.Combine(DataDirectory, DatabaseGeneration.FileName(number)));

    /// <summary>Points every replica at <paramref name="generation"/>; rename(2) makes the switch atomic, the directory's flush durable.</summary>
    public void Publish(DatabaseGeneration generation)
    {
        var staged = StagePointer(generation.Number);
        DurableFile.Move(staged, PointerPath, overwrite: true);
    }

    private long ReadPointer()
    {
        var text = File.ReadAllText(PointerPath).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new KnowledgeBaseUnavailableException($"The generation pointer {PointerPath} holds '{text}', not a generation number.");
    }

    private bool HasGenerationFiles() =>
        Directory.Exists(DataDirectory) && Directory.EnumerateFiles(DataDirectory, "knowledge.g*.db*").Any();

    private void CreateFirstPointer()
    {
        Directory.CreateDirectory(DataDirectory);
        var staged = StagePointer(1);
        try
        {
            // Without overwrite the move fails when another replica created the pointer first, and that one wins.
            DurableFile.Move(staged, PointerPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(PointerPath))
        {
            File.Delete(staged);
        }
    }

    private string StagePointer(long number)
    {
        var staged = Path.Combine(DataDirectory, $"{PointerFileName}.{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(number.ToString(CultureInfo.InvariantCulture));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        return staged;
    }
}
