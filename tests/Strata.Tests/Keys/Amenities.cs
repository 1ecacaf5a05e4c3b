namespace Strata.Tests.Keys;

[Flags]
public enum Amenities
{
    None = 0,
    Pool = 1,
    Wifi = 2,
    Spa = 4,
}
