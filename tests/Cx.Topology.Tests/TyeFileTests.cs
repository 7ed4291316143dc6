using Cx.Host.Launch.Topology;

namespace Cx.Topology.Tests;

/// <summary>How `cx run` reads tye's format and moves a topology's ports.</summary>
public sealed class TyeFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cx-tye-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    [InlineData("serve platform", new[] { "serve", "platform" })]
    [InlineData("--save \"\" --appendonly no", new[] { "--save", "", "--appendonly", "no" })]
    [InlineData("  --name 'a b'  \"c d\"e ", new[] { "--name", "a b", "c de" })]
    [InlineData("", new string[0])]
    public void SplitArguments_ShellLikeWords_AreSplitAsAShellWould(string text, string[] expected)
    {
        Assert.Equal(expected, TyeFile.SplitArguments(text));
    }

    [Fact]
    public void MovePorts_MovesBindingsProbesAndEveryAddressNamingThem_AndNothingElse()
    {
        var topology = Load("""
            name: t
            services:
              - name: a
                executable: a
                args: --port 7140 --other 17140
                bindings:
                  - {name: grpc, port: 7140}
                  - {name: http, port: 7141}
                readiness:
                  http: {path: /ready, port: 7141}
                env:
                  - {name: Port, value: "7140"}
                  - {name: Url, value: "http://127.0.0.1:7141/"}
                  - {name: Redis, value: "127.0.0.1:7140"}
                  - {name: Db, value: "Host=127.0.0.1;Port=7140"}
                  - {name: Longer, value: "http://127.0.0.1:71410"}
                  - NAME=value
            """);

        var moved = topology.MovePorts(new Dictionary<int, int> { [7140] = 40001, [7141] = 40002 })["a"];

        Assert.Equal([40001, 40002], moved.Bindings.Select(b => b.Port));
        Assert.Equal(40002, moved.ProbedBinding?.Port);
        Assert.Equal(["--port", "40001", "--other", "17140"], moved.Args);
        Assert.Equal(
            ["40001", "http://127.0.0.1:40002/", "127.0.0.1:40001", "Host=127.0.0.1;Port=7140", "http://127.0.0.1:71410", "value"],
            moved.Environment.Select(e => e.Value));
    }

    [Fact]
    public void OffsetPorts_ShiftsEveryBindingWithItsAddresses()
    {
        var topology = Load("""
            name: t
            services:
              - name: a
                executable: a
                bindings: [{port: 6379}]
              - name: b
                executable: b
                env: [{name: Redis, value: "127.0.0.1:6379"}]
            """);

        var shifted = topology.OffsetPorts(1000);

        Assert.Equal(7379, shifted["a"].Bindings[0].Port);
        Assert.Equal("127.0.0.1:7379", shifted["b"].Env("Redis"));
    }

    [Theory]
    [InlineData("replicas: 2", "2 replicas")]
    [InlineData("repository: https://example.com/x.git", "'repository'")]
    [InlineData("project: x.csproj", "exactly one of project, executable or image")]
    public void Load_WhatCxRunCannotStartFaithfully_IsRefusedByName(string line, string expected)
    {
        var problem = Assert.Throws<TopologyFileException>(() => Load($"""
            name: t
            services:
              - name: a
                executable: a
                {line}
            """));

        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Contains("tye.yaml:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExternalService_IsNotStarted_AndAnImageIsRefusedWhenStarted()
    {
        var topology = Load("""
            name: t
            services:
              - name: elsewhere
                external: true
              - name: db
                image: postgres:15
            """);
        var runner = new TopologyRunner(topology, new TopologyRunnerOptions());

        Assert.Equal(["db"], topology.Services.Select(s => s.Name));
        var problem = Assert.Throws<TopologyFileException>(() => runner.CommandFor(topology["db"]));
        Assert.Contains("--skip db", problem.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => topology.Without(["nope"]));
    }

    private Cx.Host.Launch.Topology.Topology Load(string yaml)
    {
        var path = Path.Combine(_directory.FullName, "tye.yaml");
        File.WriteAllText(path, yaml);
        return TyeFile.Load(path);
    }
}
