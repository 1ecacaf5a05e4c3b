namespace TravelDesk.Data.Tests.Infrastructure;

/// <summary>A temporary folder for SQLite files, deleted with everything in it.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("traveldesk-data-").FullName;
    }

    public string Path { get; }

    public string SqliteConnectionString(string fileName = "traveldesk.db") =>
        "Data Source=" + System.IO.Path.Combine(Path, fileName);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test that used it.
        }
    }
}
