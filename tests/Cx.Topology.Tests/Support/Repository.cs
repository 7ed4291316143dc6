namespace Cx.Topology.Tests.Support;

/// <summary>The checkout the tests run from: the files under test are read where they are.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cx.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cx.slnx was not found above " + AppContext.BaseDirectory);
    }
}
