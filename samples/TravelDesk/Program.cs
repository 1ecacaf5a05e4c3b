namespace TravelDesk;

/// <summary><c>dotnet run --project samples/TravelDesk</c>: http://127.0.0.1:5080, no other process needed.</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var app = TravelDeskApplication.Build(args);
        await app.RunAsync().ConfigureAwait(false);
    }
}
