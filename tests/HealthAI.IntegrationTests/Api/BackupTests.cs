using System.Collections.Concurrent;
using System.Net;
using HealthAI.Api.KnowledgeBase.Storage;

namespace HealthAI.Api.Tests;

public abstract class BackupTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backup_taken_during_writes_restores_every_acknowledged_document()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync());
        var acknowledged = new ConcurrentBag<string>();
        using var stopWriting = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stopWriting.IsCancellationRequested; i++)
            {
                acknowledged.Add(await Documents.IngestAsync(replicas.Clients[writer % 4], Documents.Numbered($"w{writer}", i), Cancel));
            }
        }, Cancel)).ToList();
        while (acknowledged.Count < 60)
        {
            await Task.Delay(20, Cancel);
        }

        var acknowledgedBeforeBackup = acknowledged.ToHashSet();
        var backup = await Documents.JsonAsync(await replicas.Admins[1].PostAsync("/backup", null, Cancel), Cancel);
        while (acknowledged.Count < acknowledgedBeforeBackup.Count + 40)
        {
            await Task.Delay(20, Cancel);
        }

        await stopWriting.CancelAsync();
        await Task.WhenAll(writers);
        var id = backup.GetProperty("id").GetString();

        var restore = await replicas.Admins[2].PostAsync($"/backup/{id}/restore", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var restoredCount = backup.GetProperty("documents").GetInt64();
        Assert.True(restoredCount >= acknowledgedBeforeBackup.Count);
        Assert.True(restoredCount < acknowledged.Count, "writes after the backup began are not in it");
        foreach (var documentId in acknowledgedBeforeBackup)
        {
            Assert.Equal(HttpStatusCode.OK, (await replicas.Clients[3].GetAsync($"/api/documents/{documentId}", Cancel)).StatusCode);
        }

        Assert.Equal("ok", await engine.IntegrityOfBackupAsync(Path.Combine(replicas.BackupsDirectory, id!, engine.BackupFileName)));
    }

    [Fact]
    public async Task Restore_round_trip_brings_back_the_backed_up_state_on_every_replica_without_a_restart()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync());
        var kept = await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Kept", "This document is in the backup."), Cancel);
        var backup = await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, Cancel), Cancel);
        await replicas.Clients[1].DeleteAsync($"/api/documents/{kept}", Cancel);
        var later = await Documents.IngestAsync(replicas.Clients[2], Documents.Make("Later", "This document came after the backup."), Cancel);
        // Every replica has the current generation's connections pooled before the restore.
        foreach (var client in replicas.Clients)
        {
            Assert.Equal(1, await Documents.TotalAsync(client, Cancel));
        }

        using var restored = await replicas.Admins[3].PostAsync($"/backup/{backup.GetProperty("id").GetString()}/restore", null, Cancel);
        Assert.True(restored.IsSuccessStatusCode, $"{(int)restored.StatusCode}: {await restored.Content.ReadAsStringAsync(Cancel)}");
        var restore = await Documents.JsonAsync(restored, Cancel);

        Assert.Equal(2, restore.GetProperty("generation").GetInt64());
        Assert.False(string.IsNullOrEmpty(restore.GetProperty("safetyBackupId").GetString()));
        foreach (var client in replicas.Clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/documents/{kept}", Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/documents/{later}", Cancel)).StatusCode);
            Assert.Equal(1, (await Documents.JsonAsync(await client.GetAsync("/api/search?q=backup", Cancel), Cancel)).GetProperty("results").GetArrayLength());
        }

        // Writes after the restore land in the restored data, whichever replica takes them.
        var afterRestore = await Documents.IngestAsync(replicas.Clients[1], Documents.Make("After", "Written after the restore."), Cancel);
        Assert.Equal(HttpStatusCode.OK, (await replicas.Clients[0].GetAsync($"/api/documents/{afterRestore}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Verify_catches_a_corrupted_backup_and_restore_refuses_it()
    {
        await using var replicas = new Replicas(1, await engine.SettingsAsync());
        for (var i = 0; i < 20; i++)
        {
            await Documents.IngestAsync(replicas.Clients[0], Documents.Numbered("verify", i), Cancel);
        }

        var id = (await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, Cancel), Cancel)).GetProperty("id").GetString();
        var sound = await replicas.Admins[0].PostAsync($"/backup/{id}/verify", null, Cancel);
        await using (var copy = new FileStream(Path.Combine(replicas.BackupsDirectory, id!, engine.BackupFileName), FileMode.Open, FileAccess.ReadWrite))
        {
            copy.Position = Math.Min(4096 + 100, copy.Length / 2);
            copy.Write(new byte[64].Select(_ => (byte)0xAB).ToArray());
        }

        var corrupted = await replicas.Admins[0].PostAsync($"/backup/{id}/verify", null, Cancel);
        var restore = await replicas.Admins[0].PostAsync($"/backup/{id}/restore", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, sound.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, corrupted.StatusCode);
        var verification = (await Documents.JsonAsync(corrupted, Cancel)).GetProperty("verification");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.False(verification.GetProperty("sha256Matches").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, restore.StatusCode);
        Assert.Equal(20, await Documents.TotalAsync(replicas.Clients[0], Cancel));
    }

    [Fact]
    public async Task A_backup_whose_manifest_is_not_sealed_with_the_key_is_neither_verified_nor_restored()
    {
        await using var replicas = new Replicas(1, await engine.SettingsAsync());
        for (var i = 0; i < 5; i++)
        {
            await Documents.IngestAsync(replicas.Clients[0], Documents.Numbered("sealed", i), Cancel);
        }

        var id = (await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, Cancel), Cancel)).GetProperty("id").GetString()!;
        var folder = Path.Combine(replicas.BackupsDirectory, id);
        var sealedManifest = await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"), Cancel);
        var sound = await replicas.Admins[0].PostAsync($"/backup/{id}/verify", null, Cancel);

        // Whoever can write to the backups volume rewrites the manifest (here: what it says the copy holds) and keeps the old seal.
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), sealedManifest.Replace("\"documents\": 5", "\"documents\": 6", StringComparison.Ordinal), Cancel);
        var forged = await replicas.Admins[0].PostAsync($"/backup/{id}/verify", null, Cancel);
        // ...or restores the manifest and removes the seal.
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), sealedManifest, Cancel);
        File.Delete(Path.Combine(folder, "manifest.hmac"));
        var unsealed = await replicas.Admins[0].PostAsync($"/backup/{id}/verify", null, Cancel);
        var restore = await replicas.Admins[0].PostAsync($"/backup/{id}/restore", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, sound.StatusCode);
        Assert.Contains("\"documents\": 5", sealedManifest, StringComparison.Ordinal);
        foreach (var refused in new[] { forged, unsealed, restore })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var verification = (await Documents.JsonAsync(refused, Cancel)).GetProperty("verification");
            Assert.False(verification.GetProperty("valid").GetBoolean());
            Assert.False(verification.GetProperty("manifestAuthentic").GetBoolean());
        }

        Assert.Equal(5, await Documents.TotalAsync(replicas.Clients[0], Cancel));
    }

    [Fact]
    public async Task A_replica_with_another_manifest_key_refuses_the_backups_of_this_one()
    {
        var settings = await engine.SettingsAsync();
        await using var replicas = new Replicas(1, settings);
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Zinc", "Zinc helps wounds heal."), Cancel);
        var id = (await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, Cancel), Cancel)).GetProperty("id").GetString();
        await using var other = new Replicas(1, new Dictionary<string, string?>(settings)
        {
            ["Backups:Directory"] = replicas.BackupsDirectory,
            ["Backups:ManifestKey"] = "another-manifest-key-0123456789abcdef",
        });

        var verified = await other.Admins[0].PostAsync($"/backup/{id}/verify", null, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, verified.StatusCode);
        Assert.False((await Documents.JsonAsync(verified, Cancel)).GetProperty("verification").GetProperty("manifestAuthentic").GetBoolean());
    }

    [Fact]
    public async Task Backups_are_listed_described_and_downloaded_with_their_digest()
    {
        await using var replicas = new Replicas(1, await engine.SettingsAsync());
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Iron", "Iron carries oxygen in the blood."), Cancel);
        var created = await replicas.Admins[0].PostAsync("/backup", null, Cancel);
        var manifest = await Documents.JsonAsync(created, Cancel);
        var id = manifest.GetProperty("id").GetString();

        var list = await Documents.JsonAsync(await replicas.Admins[0].GetAsync("/backup", Cancel), Cancel);
        var described = await Documents.JsonAsync(await replicas.Admins[0].GetAsync($"/backup/{id}", Cancel), Cancel);
        var download = await replicas.Admins[0].GetAsync($"/backup/{id}/download", Cancel);
        var bytes = await download.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/backup/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(id, Assert.Single(list.GetProperty("backups").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, described.GetProperty("documents").GetInt64());
        Assert.Equal("healthai-app-1", described.GetProperty("instance").GetString());
        Assert.Equal(manifest.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.Equal(manifest.GetProperty("bytes").GetInt64(), bytes.LongLength);
        Assert.StartsWith("sha-256=:", download.Headers.GetValues("Repr-Digest").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_that_fails_midway_leaves_nothing_that_looks_like_a_backup()
    {
        await using var replicas = new Replicas(1, await engine.SettingsAsync());
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Iron", "Iron carries oxygen in the blood."), Cancel);
        // A folder named like a backup but without a manifest is what a crash between copy and manifest would leave.
        var orphan = Path.Combine(replicas.BackupsDirectory, "20240101T000000000Z-abcdef");
        Directory.CreateDirectory(orphan);
        await File.WriteAllTextAsync(Path.Combine(orphan, engine.BackupFileName), "half a copy", Cancel);
        await engine.BreakAsync(replicas.DataDirectory, replicas.Settings);

        var failed = await replicas.Admins[0].PostAsync("/backup", null, Cancel);
        var list = await Documents.JsonAsync(await replicas.Admins[0].GetAsync("/backup", Cancel), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, list.GetProperty("backups").GetArrayLength());
        Assert.Empty(Directory.EnumerateDirectories(replicas.BackupsDirectory, ".staging-*"));
        Assert.Equal(HttpStatusCode.NotFound, (await replicas.Admins[0].GetAsync("/backup/20240101T000000000Z-abcdef", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Retention_keeps_the_newest_backups()
    {
        await using var replicas = new Replicas(1, await engine.SettingsAsync(new Dictionary<string, string?>
        {
            ["Backups:Retention:Newest"] = "2",
            ["Backups:Retention:DailyDays"] = "0",
        }));

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, Cancel), Cancel)).GetProperty("id").GetString()!);
        }

        var listed = (await Documents.JsonAsync(await replicas.Admins[0].GetAsync("/backup", Cancel), Cancel))
            .GetProperty("backups").EnumerateArray().Select(backup => backup.GetProperty("id").GetString()).ToList();

        Assert.Equal([ids[3], ids[2]], listed);
    }

}

public sealed class SqliteBackupTests() : BackupTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlBackupTests(PostgreSqlFixture postgres) : BackupTests(postgres.Engine)
{
    [Fact]
    public async Task Verify_restores_on_the_primary_when_a_standby_that_lags_behind_is_listed_first()
    {
        var cancel = TestContext.Current.CancellationToken;
        var settings = await postgres.Engine.SettingsAsync();
        var primary = await postgres.ServerAsync();
        // Cloned after the knowledge base's database exists, and an hour behind: it never sees verify's scratch database.
        await using var standby = await primary.StartStandbyAsync(TimeSpan.FromHours(1), cancel);
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(settings["KnowledgeBase:ConnectionString"])
        {
            Host = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"127.0.0.1:{standby.Port},127.0.0.1:{primary.Port}"),
        };
        settings["KnowledgeBase:ConnectionString"] = connection.ConnectionString;
        await using var replicas = new Replicas(1, settings);
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Verified", "This document is in the backup verify restores."), cancel);
        var id = (await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, cancel), cancel)).GetProperty("id").GetString();

        using var verified = await replicas.Admins[0].PostAsync($"/backup/{id}/verify", null, cancel);

        var body = await verified.Content.ReadAsStringAsync(cancel);
        Assert.True(verified.StatusCode == HttpStatusCode.OK, $"{(int)verified.StatusCode}: {body}");
        Assert.True(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("valid").GetBoolean(), body);
    }

    [Fact]
    public async Task Restore_restores_the_dump_once_into_the_scratch_database_verify_checked()
    {
        // The real tools behind wrappers that note each run: what the API calls, not what it says it calls.
        using var tools = new TempDirectory();
        var runs = Path.Combine(tools.Path, "runs.log");
        foreach (var tool in new[] { "pg_dump", "pg_restore" })
        {
            var wrapper = Path.Combine(tools.Path, tool);
            // `pg_restore --list` only reads the dump's table of contents: it restores nothing, so it is not noted.
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\n[ \"$1\" = --list ] || echo {tool} >> '{runs}'\nexec /usr/lib/postgresql/15/bin/{tool} \"$@\"\n", TestContext.Current.CancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        await using var replicas = new Replicas(1, await postgres.Engine.SettingsAsync(new Dictionary<string, string?> { ["KnowledgeBase:PostgreSqlTools"] = tools.Path }));
        var kept = await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Kept", "This document is in the backup."), TestContext.Current.CancellationToken);
        var id = (await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        await replicas.Clients[0].DeleteAsync($"/api/documents/{kept}", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(runs, "", TestContext.Current.CancellationToken);

        var restore = await replicas.Admins[0].PostAsync($"/backup/{id}/restore", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replicas.Clients[0].GetAsync($"/api/documents/{kept}", TestContext.Current.CancellationToken)).StatusCode);
        // One pg_restore (the verify's scratch copy, which the restore copies from) and the safety backup's pg_dump.
        Assert.Equal(["pg_dump", "pg_restore"], (await File.ReadAllLinesAsync(runs, TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_safety_backup_slower_than_the_abandoned_transaction_bound_still_restores()
    {
        // The restore's session waits in its transaction while pg_dump takes the safety backup from its snapshot: a
        // slow dump (a large knowledge base, a busy host) must not look like an abandoned transaction.
        var cancel = TestContext.Current.CancellationToken;
        using var tools = new TempDirectory();
        var pause = PostgreSqlStore.AbandonedTransactionTimeout * 2;
        await File.WriteAllTextAsync(Path.Combine(tools.Path, "pg_dump"), $"#!/bin/sh\nsleep {pause.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}\nexec /usr/lib/postgresql/15/bin/pg_dump \"$@\"\n", cancel);
        await File.WriteAllTextAsync(Path.Combine(tools.Path, "pg_restore"), "#!/bin/sh\nexec /usr/lib/postgresql/15/bin/pg_restore \"$@\"\n", cancel);
        foreach (var tool in Directory.GetFiles(tools.Path))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        await using var replicas = new Replicas(1, await postgres.Engine.SettingsAsync(new Dictionary<string, string?> { ["KnowledgeBase:PostgreSqlTools"] = tools.Path }));
        var kept = await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Kept", "This document is in the backup."), cancel);
        var id = (await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, cancel), cancel)).GetProperty("id").GetString();
        await replicas.Clients[0].DeleteAsync($"/api/documents/{kept}", cancel);

        using var restore = await replicas.Admins[0].PostAsync($"/backup/{id}/restore", null, cancel);

        Assert.True(restore.StatusCode == HttpStatusCode.OK, $"{(int)restore.StatusCode}: {await restore.Content.ReadAsStringAsync(cancel)}");
        Assert.Equal(HttpStatusCode.OK, (await replicas.Clients[0].GetAsync($"/api/documents/{kept}", cancel)).StatusCode);
    }
}
