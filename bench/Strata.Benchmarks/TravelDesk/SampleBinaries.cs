namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// Where the sample services' Release builds are, found from this runner's own location: the first ancestor folder
/// holding <c>Strata.slnx</c> is the repository root. No machine path is written anywhere.
/// </summary>
internal static class SampleBinaries
{
    private const string Framework = "net10.0";

    public static string TravelDesk => Path.Combine(RepositoryRoot, "samples", "TravelDesk", "bin", "Release", Framework, "TravelDesk.dll");

    public static string Supplier => Path.Combine(RepositoryRoot, "samples", "TravelDesk.Supplier", "bin", "Release", Framework, "TravelDesk.Supplier.dll");

    private static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Strata.slnx")))
                {
                    return directory.FullName;
                }
            }

            // Not inside the repository (a copied runner): relative to the working directory, and the options check says so.
            return Directory.GetCurrentDirectory();
        }
    }
}
