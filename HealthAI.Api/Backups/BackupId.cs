using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace HealthAI.Api.Backups;

/// <summary>
/// A backup's id: its UTC time to the millisecond and a random suffix (<c>20250101T120000123Z-a1b2c3</c>).
/// It sorts by time, and the strict pattern is what keeps a path like <c>../../etc</c> from ever naming a file.
/// </summary>
internal static partial class BackupId
{
    public static string New(DateTimeOffset now) =>
        $"{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    public static bool IsWellFormed(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9]{8}T[0-9]{9}Z-[0-9a-f]{6}$")]
    private static partial Regex Pattern();
}
