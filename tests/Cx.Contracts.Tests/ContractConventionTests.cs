using Google.Protobuf.Reflection;

namespace Cx.Contracts.Tests;

/// <summary>The naming and layout rules, applied to every .proto file of the contract.</summary>
public sealed class ContractConventionTests
{
    [Fact]
    public void ContractFiles_FromGeneratedReflectionClasses_AreFound() =>
        Assert.True(ContractFiles.All.Count > 0,
            $"No generated *Reflection class in {ContractFiles.AssemblyName} describes a file under {ContractFiles.Root}; "
            + "check that proto/Cx.Contracts.csproj compiles proto/cx/**/*.proto.");

    [Fact]
    public void Packages_FollowCxDisciplineVersion() =>
        AssertRule("package is cx.<discipline>.v<N>", ContractConventions.PackageFollowsPattern);

    [Fact]
    public void Packages_MatchTheirFolders() =>
        AssertRule("package equals the folder of the file", ContractConventions.PackageMatchesFolder);

    [Fact]
    public void CsharpNamespaces_ArePascalCasedPackages() =>
        AssertRule("option csharp_namespace is set to the package in PascalCase", ContractConventions.CsharpNamespaceIsPascalCasedPackage);

    [Fact]
    public void Rpcs_HaveHttpRules() =>
        AssertRule("every rpc has a google.api.http rule", ContractConventions.RpcsHaveHttpRules);

    [Fact]
    public void Rpcs_DeclareAccess() =>
        AssertRule("every rpc declares the access it needs", ContractConventions.RpcsDeclareAccess);

    [Fact]
    public void HttpPaths_StartWithDisciplineAndVersion() =>
        AssertRule("REST paths start with /api/<discipline>/v<N>/", ContractConventions.HttpPathsStartWithDisciplineAndVersion);

    [Fact]
    public void Services_EndWithService() =>
        AssertRule("services are named *Service", ContractConventions.ServicesEndWithService);

    [Fact]
    public void FieldNames_AreLowerSnakeCase() =>
        AssertRule("field names are lower_snake_case", ContractConventions.FieldNamesAreLowerSnakeCase);

    [Fact]
    public void Enums_StartWithUnspecifiedZero() =>
        AssertRule("the first enum value is <ENUM_NAME>_UNSPECIFIED = 0", ContractConventions.EnumsStartWithUnspecifiedZero);

    [Fact]
    public void Events_ImportOnlySharedTypes() =>
        AssertRule("event files import only events, cx/common/ and protobuf's own types", ContractConventions.EventsImportOnlySharedTypes);

    [Fact]
    public void Events_AreFound() =>
        Assert.True(ContractFiles.Descriptors.SelectMany(ContractConventions.EventsOf).Any(),
            $"No message under {ContractFiles.Root} declares (cx.events.v1.event_type), so the event rules check nothing.");

    [Fact]
    public void Events_DeclareExamplesThatParseAndNameEveryField() =>
        AssertRule("every event declares an example payload in proto3 JSON that parses into it and names every field",
            ContractFiles.Descriptors, ContractConventions.EventsDeclareExamples);

    private static void AssertRule(string rule, Func<FileDescriptorProto, IEnumerable<string>> check) =>
        AssertRule(rule, ContractFiles.All, check);

    private static void AssertRule<TFile>(string rule, IReadOnlyList<TFile> files, Func<TFile, IEnumerable<string>> check)
    {
        Assert.True(files.Count > 0, $"No contract files were found under {ContractFiles.Root}, so the rule '{rule}' checks nothing.");

        var violations = files.SelectMany(check).ToList();
        if (violations.Count > 0)
        {
            Assert.Fail($"Contract rule '{rule}' is broken {violations.Count} time(s):\n"
                + string.Concat(violations.Select(violation => $"  - {violation}\n")));
        }
    }
}
