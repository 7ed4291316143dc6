using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Cx.Host.Tests.Support;

namespace Cx.Host.Tests;

/// <summary>
/// The README's five-minute tour, run as a newcomer would paste it: the platform block started as
/// a real `cx up` in a fresh directory, then every command of the other tour blocks in bash, one
/// by one, in that directory, each required to succeed. Only the ports move (to a free plan), and
/// `./cx` runs the tests' build instead of building the project again.
/// </summary>
public sealed partial class ReadmeTourTests
{
    private const int DocumentedBasePort = 7100;

    /// <summary>
    /// What the tour promises a reader will see, by the command that shows it. Every one must be
    /// met by some command, so a tour that loses a step fails here rather than going unnoticed.
    /// </summary>
    private static readonly (string Command, string Output, string Why)[] Promises =
    [
        ("keys list", "tour", "the key just made is listed"),
        ("/api/platform/v1/services", "\"name\":\"measurement\"", "the running services are listed"),
        ("results:query", "\"group\":\"delivery\"", "NPS is grouped by journey step"),
        ("AnalyseDrivers", "\"metricId\": \"delivery-speed\"", "delivery speed is a driver"),
        ("GROUPING_MONTH", "\"significant\": true", "the delivery fix shows as a significant change"),
        ("/effect", "\"significant\":true", "the action plan's effect is measured and significant"),
        ("cases?customer_id=c-tour", "\"customerId\":\"c-tour\"", "governance opened a case for the recorded detractor"),
        ("/api/understanding/v1/feedback", "\"topicIds\":[\"late-delivery\"]", "understanding tagged the tour's comment with its topic"),
        ("/api/understanding/v1/pain-points", "\"topicId\":\"late-delivery\"", "understanding found late delivery a pain point, confirmed by the driver analysis"),
        ("/api/design/v1/journeys/online-purchase/scores", "\"confirmed\":true", "design's live map shows the confirmed pain point on the journey's delivery step"),
        (":publish", "\"STANDARD_NOT_MET\",\"subject\":\"standard/effortless-delivery\"", "governance's review gate refuses the to-be journey its pilot does not prove"),
        ("/api/culture/v1/board", "\"source\":\"RECOGNITION_SOURCE_CUSTOMER_PRAISE\"", "culture recognises the support agents the demo's customers praise"),
        ("/api/strategy/v1/targets", "\"status\":\"TARGET_STATUS_AT_RISK\"", "strategy finds the delivery effort target at risk"),
        ("%{http_code}", "401", "a call without a key is refused"),
    ];

    /// <summary>
    /// Reads the tour says may take a moment: on a fresh demo, understanding first works through
    /// the demo's year of comments. A reader pastes them again; so does the test, until the promise
    /// is met or the wait is over.
    /// </summary>
    private static readonly (string Command, TimeSpan Within)[] Eventually =
    [
        ("/api/understanding/v1/feedback", TimeSpan.FromMinutes(3)),
        ("/api/understanding/v1/pain-points", TimeSpan.FromMinutes(3)),
        ("/api/design/v1/journeys/online-purchase/scores", TimeSpan.FromMinutes(3)),
        ("/api/culture/v1/board", TimeSpan.FromMinutes(3)),
    ];

    [Fact]
    public async Task Tour_EveryCommandPastedInOrder_Succeeds()
    {
        var root = RepositoryRoot();
        var tour = Tour.Read(File.ReadAllText(Path.Combine(root, "README.md")));
        var buf = Path.Combine(root, "tools", "buf", "node_modules", ".bin");
        Assert.True(File.Exists(Path.Combine(buf, "buf")), $"buf is not installed in {buf}: run scripts/install-test-deps.");
        Assert.True(
            File.Exists(Path.Combine(root, "proto", "obj", "Debug", "net10.0", "cx-contract.protoset")),
            "The tour's gRPC calls read the contract from the Debug build's descriptor set, which is missing.");

        var work = Directory.CreateTempSubdirectory("cx-tour-");
        try
        {
            // The reader's checkout, as far as the tour touches it: ./cx and the built contract.
            var cxAssembly = Path.Combine(AppContext.BaseDirectory, "cx.dll");
            var script = Path.Combine(work.FullName, "cx");
            await File.WriteAllTextAsync(script, $"#!/usr/bin/env bash\nexec dotnet '{cxAssembly}' \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.CreateSymbolicLink(Path.Combine(work.FullName, "proto"), Path.Combine(root, "proto"));

            var basePort = PortPlan.Free();
            var platformArgs = tour.Platform.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("./cx", platformArgs[0]);

            // NO_COLOR cleared: the banner must carry no escape codes because its output is not a terminal.
            var noColor = new Dictionary<string, string> { ["NO_COLOR"] = string.Empty };
            await using (var platform = CxProcess.Start(cxAssembly, [.. platformArgs[1..], "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture)], noColor, work.FullName))
            {
                await platform.WaitForLineAsync(l => l.StartsWith("Ready.", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
                var banner = platform.Output;
                Assert.Contains($"data {Path.Combine(work.FullName, "data")}", banner, StringComparison.Ordinal);
                Assert.Contains("Demo data loaded", banner, StringComparison.Ordinal);
                Assert.Contains($"http://127.0.0.1:{basePort + 91}/api-docs", banner, StringComparison.Ordinal);
                Assert.DoesNotContain("\u001b", banner, StringComparison.Ordinal);

                var environment = new Dictionary<string, string>
                {
                    ["PATH"] = buf + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                    ["NO_COLOR"] = "1",
                };
                var outputs = new List<(string Command, string Output)>();
                foreach (var command in tour.Commands)
                {
                    var run = MovePorts(command, basePort);
                    var (exit, output) = await RunInBashAsync(run, work.FullName, environment);
                    var settle = Eventually.Where(e => command.Contains(e.Command, StringComparison.Ordinal)).Select(e => e.Within).FirstOrDefault();
                    var expected = Promises.Where(p => command.Contains(p.Command, StringComparison.Ordinal)).Select(p => p.Output).ToList();
                    for (var waited = Stopwatch.StartNew(); exit == 0 && waited.Elapsed < settle && !expected.All(e => output.Contains(e, StringComparison.Ordinal));)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2));
                        (exit, output) = await RunInBashAsync(run, work.FullName, environment);
                    }

                    Assert.True(exit == 0, $"The tour's command failed (exit {exit}):\n{command}\nOutput:\n{output}\nPlatform:\n{platform.Output}");
                    outputs.Add((command, output));
                }

                Assert.StartsWith("cxk_", environment.GetValueOrDefault("CX_KEY", string.Empty), StringComparison.Ordinal);
                foreach (var (command, expected, why) in Promises)
                {
                    var shown = outputs.Where(o => o.Command.Contains(command, StringComparison.Ordinal)).ToList();
                    Assert.True(shown.Count > 0, $"No command of the tour contains '{command}' ({why}).");
                    Assert.True(
                        shown.Any(o => o.Output.Contains(expected, StringComparison.Ordinal)),
                        $"The tour promises {why}, but '{command}' did not show '{expected}':\n{string.Join("\n", shown.Select(o => o.Output))}");
                }

                var drivers = outputs.Single(o => o.Command.Contains("AnalyseDrivers", StringComparison.Ordinal)).Output;
                Assert.True(
                    drivers.IndexOf("delivery-speed", StringComparison.Ordinal) < drivers.IndexOf("app-ease", StringComparison.Ordinal),
                    "Drivers come by importance, and the tour says delivery speed is far ahead of app ease:\n" + drivers);

                Assert.Equal(0, await platform.TerminateAsync(TimeSpan.FromSeconds(30)));
            }

            // The tour ends saying that starting the demo again adds nothing; the banner must not claim otherwise.
            await using (var again = CxProcess.Start(cxAssembly, [.. platformArgs[1..], "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture)], noColor, work.FullName))
            {
                await again.WaitForLineAsync(l => l.StartsWith("Ready.", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
                Assert.DoesNotContain("Demo data loaded", again.Output, StringComparison.Ordinal);
                Assert.Contains("Demo data: already loaded", again.Output, StringComparison.Ordinal);
                Assert.Equal(0, await again.TerminateAsync(TimeSpan.FromSeconds(30)));
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void Readme_IsShort_AndEveryLocalLinkInTheDocsResolves()
    {
        var root = RepositoryRoot();
        var readme = Path.Combine(root, "README.md");
        Assert.InRange(File.ReadAllLines(readme).Length, 1, 250);

        var pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Append(readme).ToList();
        Assert.True(pages.Count > 10, "docs/ holds a page per service and topic.");
        var broken = new List<string>();
        foreach (var page in pages)
        {
            foreach (Match link in LocalLink().Matches(File.ReadAllText(page)))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link.Groups["path"].Value));
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{Path.GetRelativePath(root, page)}: {link.Value}");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void TourReader_MarkedBlocks_AreSplitIntoCommandsWithContinuationsJoined()
    {
        var tour = Tour.Read("""
            text
            <!-- tour: platform -->
            ```bash
            ./cx up --demo
            ```
            <!-- tour -->
            ```bash
            # a comment
            curl a \
              b
            echo c
            ```
            ```bash
            echo not-marked
            ```
            """);

        Assert.Equal("./cx up --demo", tour.Platform);
        Assert.Equal("curl a b|echo c", string.Join("|", tour.Commands));
    }

    /// <summary>The tour's addresses are the default port plan's; the test's platform runs on a free one.</summary>
    private static string MovePorts(string command, int basePort) =>
        DocumentedAddress().Replace(command, m =>
            "127.0.0.1:" + (int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) - DocumentedBasePort + basePort).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// One command in a fresh bash, as pasted into a terminal that keeps what earlier commands
    /// exported: the variables a command sets are carried into <paramref name="environment"/>.
    /// </summary>
    private static async Task<(int Exit, string Output)> RunInBashAsync(string command, string directory, Dictionary<string, string> environment)
    {
        var exported = Path.Combine(directory, ".tour-env");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"set -euo pipefail\n{command}\nenv -0 > '{exported}'");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var before = start.Environment.ToDictionary(e => e.Key, e => e.Value);
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 2 minutes\n" + output);
        }

        process.WaitForExit();
        if (process.ExitCode == 0)
        {
            foreach (var pair in (await File.ReadAllTextAsync(exported)).Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (key is not ("PWD" or "OLDPWD" or "SHLVL" or "_") && (!before.TryGetValue(key, out var old) || old != value))
                {
                    environment[key] = value;
                }
            }
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cx.slnx")) && File.Exists(Path.Combine(directory.FullName, "README.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Cx.slnx) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"127\.0\.0\.1:(?<port>7[01]\d\d)\b")]
    private static partial Regex DocumentedAddress();

    // Markdown links to files of the repository: not a web address, not an anchor on the same page.
    [GeneratedRegex(@"\]\((?!https?:|#|mailto:)(?<path>[^)#\s]+)(#[^)]*)?\)")]
    private static partial Regex LocalLink();

    /// <summary>
    /// The README's tour: the block after `&lt;!-- tour: platform --&gt;` starts the platform; the
    /// blocks after `&lt;!-- tour --&gt;` are its commands, comments and blank lines left out, a
    /// line ending in a backslash joined with the next as bash would.
    /// </summary>
    private sealed record Tour(string Platform, IReadOnlyList<string> Commands)
    {
        public static Tour Read(string markdown)
        {
            var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            string? platform = null;
            var commands = new List<string>();
            for (var i = 0; i < lines.Length; i++)
            {
                var marker = lines[i].Trim();
                if (marker is not ("<!-- tour -->" or "<!-- tour: platform -->"))
                {
                    continue;
                }

                Assert.True(i + 1 < lines.Length && lines[i + 1].Trim() == "```bash", $"A tour marker (line {i + 1}) must come right before a ```bash block.");
                var block = new List<string>();
                var pending = string.Empty;
                for (i += 2; i < lines.Length && lines[i].Trim() != "```"; i++)
                {
                    var line = lines[i].Trim();
                    if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
                    {
                        continue;
                    }

                    if (line.EndsWith('\\'))
                    {
                        pending += line[..^1].TrimEnd() + " ";
                        continue;
                    }

                    block.Add(pending + line);
                    pending = string.Empty;
                }

                if (marker == "<!-- tour: platform -->")
                {
                    Assert.Null(platform);
                    platform = Assert.Single(block);
                }
                else
                {
                    commands.AddRange(block);
                }
            }

            Assert.NotNull(platform);
            Assert.NotEmpty(commands);
            return new Tour(platform, commands);
        }
    }
}
