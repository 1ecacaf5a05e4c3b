namespace Strata.Testing;

/// <summary>
/// Finds the build output of another project of this repository, built in the same configuration as the running
/// tests (test.sh builds the whole solution once), e.g. <c>BuiltAssembly.Path("samples/TravelDesk", "TravelDesk")</c>.
/// </summary>
public static class BuiltAssembly
{
    public static string Path(string projectDirectory, string assemblyName)
    {
        var repository = RepositoryRoot();
        // The tests run from <project>/bin/<Configuration>/<framework>/: the same two folder names apply to the app.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var configuration = framework.Parent?.Name ?? "Release";
        var path = System.IO.Path.Combine(repository, projectDirectory, "bin", configuration, framework.Name, assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{assemblyName}.dll is not built ({configuration}); build the solution first.", path);
        }

        return path;
    }

    /// <summary>The folder holding Strata.slnx, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Strata.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Strata.slnx was not found above the test binaries.");
    }
}
