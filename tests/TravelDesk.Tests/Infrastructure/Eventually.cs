namespace TravelDesk.Tests.Infrastructure;

/// <summary>
/// Waits for a state another process reaches asynchronously (a Redis notification, a background L2 write), checking
/// it every 20 ms; fails with the last observation after <c>limit</c>. The limit is a deadlock guard, not a timing
/// assertion: the state normally holds within milliseconds.
/// </summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> observe, Func<T, bool> holds, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await observe();
            if (holds(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Shouldly.ShouldAssertException($"{what} did not happen; last observed: {value}");
            }

            await Task.Delay(20);
        }
    }
}
