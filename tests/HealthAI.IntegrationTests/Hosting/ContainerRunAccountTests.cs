namespace HealthAI.Hosting.Tests;

/// <summary>
/// A local container runs as the user that owns its run directory: the image's own user, once a root AppHost has
/// handed the directory over, or the AppHost's own user, who owns it already. Never root inside the container.
/// </summary>
public sealed class ContainerRunAccountTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_container_runs_as_the_owner_of_its_handed_over_run_directory()
    {
        var me = (await ToolRun.RunAsync("id", ["-u"], cancellationToken: Cancel)).Output.Trim();
        var directory = RunDirectory.Create("account").Path;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "tls"));
            await File.WriteAllTextAsync(Path.Combine(directory, "tls", "edge.key"), "key", Cancel);
            var account = ContainerRunAccount.For(EdgeTool.Nginx.ContainerUserId);

            account.HandOver(directory);

            var expected = me == "0" ? "101:101" : $"{me}:{(await ToolRun.RunAsync("id", ["-g"], cancellationToken: Cancel)).Output.Trim()}";
            Assert.Equal($"--user={expected}", account.RuntimeArgument);
            foreach (var path in new[] { directory, Path.Combine(directory, "tls"), Path.Combine(directory, "tls", "edge.key") })
            {
                Assert.Equal(expected, (await ToolRun.RunAsync("stat", ["-c", "%u:%g", path], cancellationToken: Cancel)).Output.Trim());
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
