using Xunit.Abstractions;

namespace Cx.Contracts.Tests;

/// <summary>
/// The contract against its committed snapshot: breaking changes always fail; compatible changes fail
/// until the snapshot is updated on purpose, so every change to the contract shows up in review.
/// </summary>
public sealed class ContractCompatibilityTests(ITestOutputHelper output)
{
    [Fact]
    public void Contract_ComparedWithSnapshot_HasNoBreakingChanges()
    {
        var result = ContractSnapshotFile.Result;
        if (result.Problem is not null)
        {
            Assert.Fail(result.Problem);
        }

        var breaking = result.Report!.BreakingChanges;
        if (breaking.Count > 0)
        {
            Assert.Fail(
                $"The contract in proto/ has {breaking.Count} breaking change(s) against {ContractSnapshotFile.RelativePath}:\n"
                + Bullets(breaking)
                + "\nExisting gRPC and REST clients would break. Undo these changes; to drop a field or enum value, "
                + "reserve its number and its name. An incompatible redesign belongs in a new package version (cx.<discipline>.v<N+1>).\n"
                + $"Updating the snapshot ({ContractSnapshotFile.UpdateScript}) does not accept breaking changes: it fails the same way and leaves the file unchanged.");
        }
    }

    [Fact]
    public void Snapshot_ComparedWithContract_IsUpToDate()
    {
        var result = ContractSnapshotFile.Result;
        if (result.Problem is not null)
        {
            Assert.Fail(result.Problem);
        }

        if (result.Written)
        {
            output.WriteLine($"Updated {result.Path} from the current contract.");
            return;
        }

        if (result.UpToDate)
        {
            return;
        }

        var report = result.Report!;
        if (ContractSnapshotFile.UpdateRequested)
        {
            Assert.Fail($"{ContractSnapshotFile.RelativePath} was not updated: the contract has breaking changes against it "
                + $"(see {nameof(Contract_ComparedWithSnapshot_HasNoBreakingChanges)}). Fix those first.");
        }

        var changes = report.CompatibleChanges.Count > 0
            ? "Changes not yet in the snapshot:\n" + Bullets(report.CompatibleChanges)
            : "The file differs from what the contract produces (edited by hand, or written by an older version of these tests).";
        Assert.Fail($"{ContractSnapshotFile.RelativePath} is out of date with proto/.\n{changes}\n{ContractSnapshotFile.HowToUpdate}");
    }

    private static string Bullets(IEnumerable<string> lines) => string.Concat(lines.Select(line => $"  - {line}\n"));
}
