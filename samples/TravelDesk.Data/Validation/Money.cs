namespace TravelDesk.Data.Validation;

/// <summary>Prices travel as <see cref="decimal"/> in the API and as whole cents in the database.</summary>
internal static class Money
{
    public const decimal MaxPrice = 1_000_000m;

    public static decimal FromCents(long cents) => cents / 100m;

    /// <summary>A positive price with at most two decimals, in cents.</summary>
    public static int ToCents(decimal price, string field)
    {
        if (price <= 0)
        {
            Require.Fail(field, $"{field} must be greater than 0 (was {price}).");
        }

        if (price > MaxPrice)
        {
            Require.Fail(field, $"{field} must be at most {MaxPrice} (was {price}).");
        }

        var cents = price * 100;
        if (cents != decimal.Truncate(cents))
        {
            Require.Fail(field, $"{field} must have at most two decimals (was {price}).");
        }

        return (int)cents;
    }
}
