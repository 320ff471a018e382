using HealthAI.Api.KnowledgeBase.Storage;

namespace HealthAI.Api.Tests;

/// <summary>The durable rename a restore's copy and generation pointer go through, on the real file system.</summary>
public sealed class DurableFileTests
{
    [Fact]
    public void A_durable_move_renames_and_flushes_the_directory_that_records_it()
    {
        using var folder = new TempDirectory();
        var source = Path.Combine(folder.Path, "CURRENT.staged");
        var destination = Path.Combine(folder.Path, "CURRENT");
        File.WriteAllText(source, "2");
        File.WriteAllText(destination, "1");

        DurableFile.Flush(source);
        DurableFile.Move(source, destination, overwrite: true);

        Assert.False(File.Exists(source));
        Assert.Equal("2", File.ReadAllText(destination));
    }

    [Fact]
    public void Flushing_a_directory_that_cannot_be_opened_fails_instead_of_passing_silently()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "not-a-directory");
        File.WriteAllText(file, "x");

        Assert.Throws<IOException>(() => DurableFile.FlushDirectory(Path.Combine(folder.Path, "missing")));
        Assert.Throws<IOException>(() => DurableFile.FlushDirectory(file));
    }
}
