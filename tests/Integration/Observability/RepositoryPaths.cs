namespace EcgStream.Integration.Observability;

/// <summary>Paths in the repository, found from the test binary's location.</summary>
internal static class RepositoryPaths
{
    /// <summary>The directory holding EcgStream.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The deploy/ directory.</summary>
    public static string Deploy => System.IO.Path.Combine(Root, "deploy");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EcgStream.sln"))) return dir.FullName;
        throw new InvalidOperationException("EcgStream.sln not found above " + AppContext.BaseDirectory);
    }
}
