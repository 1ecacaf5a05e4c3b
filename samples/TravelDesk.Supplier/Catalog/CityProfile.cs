namespace TravelDesk.Supplier;

/// <summary>
/// What the simulation needs to know about a city beyond its public <see cref="Contracts.City"/> record: how expensive
/// it is, and its climate, so hotel prices and the weather look like the place and not like noise.
/// </summary>
/// <param name="CostFactor">Hotel and activity prices relative to an average city (1.0).</param>
/// <param name="MeanTemperature">The yearly mean of daily mean temperatures, in °C.</param>
/// <param name="TemperatureAmplitude">Half the difference between the warmest and the coldest month, in °C.</param>
/// <param name="PrecipitationChance">The yearly mean chance of rain on a day, in percent.</param>
/// <param name="WetSeason">+1 when rain falls mostly in summer (monsoon), -1 mostly in winter (Mediterranean), 0 evenly.</param>
internal sealed record CityProfile(double CostFactor, double MeanTemperature, double TemperatureAmplitude, int PrecipitationChance, int WetSeason);
