using System.Text.Json;

namespace Cx.Contracts.Tests;

/// <summary>
/// The committed snapshot, tests/Cx.Contracts.Tests/contract-snapshot.json, compared once per test run
/// with the contract as compiled. With CX_UPDATE_CONTRACT_SNAPSHOT=1 the file in the source tree is
/// rewritten, but only when the contract has no breaking change against it.
/// </summary>
internal static class ContractSnapshotFile
{
    public const string UpdateVariable = "CX_UPDATE_CONTRACT_SNAPSHOT";
    public const string RelativePath = "tests/Cx.Contracts.Tests/contract-snapshot.json";
    public const string UpdateScript = "scripts/update-contract-snapshot";
    public const string UpdateCommand = "CX_UPDATE_CONTRACT_SNAPSHOT=1 dotnet test tests/Cx.Contracts.Tests";
    public const string SolutionFile = "Cx.slnx";

    public static readonly string HowToUpdate =
        $"Update it on purpose, from the repository root, and commit it with the proto change:\n    {UpdateScript}\n(which runs: {UpdateCommand})";

    private static readonly Lazy<SnapshotCheck> Checked = new(Check);

    public static SnapshotCheck Result => Checked.Value;

    public static bool UpdateRequested =>
        Environment.GetEnvironmentVariable(UpdateVariable)?.Trim() is { } value
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The folder holding Cx.slnx, found by walking up from <paramref name="start"/>.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above '{start}' contains {SolutionFile}; run the tests from a checkout of the repository.");
    }

    private static SnapshotCheck Check()
    {
        var path = Path.Combine(FindRepositoryRoot(AppContext.BaseDirectory), RelativePath);
        var current = ContractSnapshot.FromFiles(ContractFiles.All);
        var currentJson = current.ToJson();
        var update = UpdateRequested;

        if (!File.Exists(path))
        {
            if (!update)
            {
                return new SnapshotCheck(path, current, null, Written: false,
                    Problem: $"{RelativePath} does not exist, so breaking changes to the contract cannot be detected. Create it from the current contract:\n    {UpdateScript}\n(which runs: {UpdateCommand})");
            }

            // A first snapshot has nothing to break: it is the current contract itself.
            File.WriteAllText(path, currentJson);
            return new SnapshotCheck(path, current, CompatibilityChecker.Compare(current, current), Written: true, Problem: null);
        }

        var committedJson = File.ReadAllText(path).ReplaceLineEndings("\n");
        ContractSnapshot committed;
        try
        {
            committed = ContractSnapshot.FromJson(committedJson);
        }
        catch (JsonException exception)
        {
            return new SnapshotCheck(path, current, null, Written: false,
                Problem: $"{RelativePath} cannot be read ({exception.Message}). Restore the committed version with 'git restore {RelativePath}'; the file is written by the tests, not by hand.");
        }

        var report = CompatibilityChecker.Compare(committed, current);
        var upToDate = string.Equals(committedJson, currentJson, StringComparison.Ordinal);
        var written = false;
        if (update && !upToDate && !report.IsBreaking)
        {
            File.WriteAllText(path, currentJson);
            written = true;
        }

        return new SnapshotCheck(path, current, report, written, Problem: null) { UpToDate = upToDate };
    }
}

/// <summary>The outcome of comparing the committed snapshot with the contract.</summary>
/// <param name="Path">Where the snapshot lives in the source tree.</param>
/// <param name="Current">The snapshot of the contract as compiled now.</param>
/// <param name="Report">The comparison; null when there was no readable snapshot to compare with.</param>
/// <param name="Written">Whether this run rewrote the file (update requested and nothing breaking).</param>
/// <param name="Problem">Why no comparison could be made, with what to do about it.</param>
internal sealed record SnapshotCheck(string Path, ContractSnapshot Current, CompatibilityReport? Report, bool Written, string? Problem)
{
    /// <summary>Whether the committed file already held exactly the current snapshot.</summary>
    public bool UpToDate { get; init; }
}
