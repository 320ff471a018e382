namespace HealthAI.Hosting.Tests;

public sealed class RunDirectoryTests
{
    [Fact]
    public void A_run_folder_is_private_to_its_owner_and_gone_when_disposed()
    {
        string path;
        using (var run = RunDirectory.Create("unit"))
        {
            path = run.Path;
            Assert.Matches($@"healthai-unit-{Environment.ProcessId}-[0-9a-f]{{8}}$", path);
            var edge = run.Subdirectory("edge");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(edge));
            }
        }

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void The_sweep_removes_the_folders_of_runs_whose_process_is_gone_and_keeps_the_live_ones()
    {
        using var live = RunDirectory.Create("unit");
        var abandoned = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"healthai-run-{int.MaxValue}-0123abcd")).FullName;
        File.WriteAllText(Path.Combine(abandoned, "nginx.pid"), "1");
        var notOurs = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"healthai-notes-{Guid.NewGuid():N}")).FullName;
        try
        {
            Assert.True(RunDirectory.RemoveAbandoned() >= 1);
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(live.Path));
            Assert.True(Directory.Exists(notOurs));
        }
        finally
        {
            Directory.Delete(notOurs, recursive: true);
        }
    }
}
