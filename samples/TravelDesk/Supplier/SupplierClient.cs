using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Strata.RateLimiting.AspNetCore;
using TravelDesk.Hosting;
using TravelDesk.Search;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier;

/// <summary>
/// The typed HTTP client of the travel supplier. Every call goes through Strata's outgoing limiter (registered on this
/// client) and is counted in <c>traveldesk.supplier.calls{operation,outcome}</c>, so <c>/metrics</c> shows what the
/// cache saved. Failures become <see cref="SupplierUnavailableException"/>; an unknown code is null.
/// </summary>
public sealed class SupplierClient
{
    /// <summary>The meter of TravelDesk's own instruments.</summary>
    public const string MeterName = "TravelDesk";

    private readonly HttpClient _http;
    private readonly SupplierAddress _address;
    private readonly JsonSerializerOptions _json;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public SupplierClient(HttpClient http, SupplierAddress address, IMeterFactory meterFactory)
    {
        _http = http;
        // Resolved per call, not as HttpClient.BaseAddress: the embedded supplier's port is known only once it has
        // started, and hosted services (the warm-up) are built before anything starts.
        _address = address;
        _json = TravelDeskJson.Options;
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("traveldesk.supplier.calls", "{call}", "Calls TravelDesk made to the travel supplier.");
        _duration = meter.CreateHistogram<double>("traveldesk.supplier.duration", "s", "Duration of supplier calls.");
    }

    public async Task<FlightSearchResponse> SearchFlightsAsync(FlightSearchQuery query, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["origin"] = query.Origin,
            ["destination"] = query.Destination,
            ["departure"] = Iso(query.Departure),
            ["return"] = query.Return is { } back ? Iso(back) : null,
            ["adults"] = Number(query.Adults),
            ["children"] = Number(query.Children),
            ["infants"] = Number(query.Infants),
            ["cabin"] = JsonNamingPolicy.CamelCase.ConvertName(query.Cabin.ToString()),
            ["maxConnections"] = query.MaxConnections is { } max ? Number(max) : null,
            ["airlines"] = query.Airlines.Count == 0 ? null : string.Join(',', query.Airlines),
        };
        return await SendAsync<FlightSearchResponse>("flights", QueryHelpers.AddQueryString("flights/search", parameters), cancellationToken)
            .ConfigureAwait(false) ?? throw NotFound("flights");
    }

    public async Task<HotelSearchResponse> SearchHotelsAsync(HotelSearchQuery query, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["city"] = query.City,
            ["checkIn"] = Iso(query.CheckIn),
            ["checkOut"] = Iso(query.CheckOut),
            ["guests"] = Number(query.Guests),
            ["rooms"] = Number(query.Rooms),
            ["minStars"] = query.MinStars is { } stars ? Number(stars) : null,
            ["amenities"] = query.Amenities.Count == 0 ? null : string.Join(',', query.Amenities),
        };
        return await SendAsync<HotelSearchResponse>("hotels", QueryHelpers.AddQueryString("hotels/search", parameters), cancellationToken)
            .ConfigureAwait(false) ?? throw NotFound("hotels");
    }

    public async Task<ActivitySearchResponse> SearchActivitiesAsync(ActivitySearchQuery query, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["city"] = query.City,
            ["date"] = Iso(query.Date),
            ["category"] = query.Category,
        };
        return await SendAsync<ActivitySearchResponse>("activities", QueryHelpers.AddQueryString("activities/search", parameters), cancellationToken)
            .ConfigureAwait(false) ?? throw NotFound("activities");
    }

    public Task<WeatherReport?> GetWeatherAsync(string city, DateOnly date, CancellationToken cancellationToken) =>
        SendAsync<WeatherReport>("weather", $"weather/{Uri.EscapeDataString(city)}?date={Iso(date)}", cancellationToken);

    public Task<ExchangeRate?> GetExchangeRateAsync(string from, string to, CancellationToken cancellationToken) =>
        SendAsync<ExchangeRate>("rates", $"rates/{Uri.EscapeDataString(from)}/{Uri.EscapeDataString(to)}", cancellationToken);

    public Task<Airport?> GetAirportAsync(string code, CancellationToken cancellationToken) =>
        SendAsync<Airport>("airports", $"airports/{Uri.EscapeDataString(code)}", cancellationToken);

    private async Task<T?> SendAsync<T>(string operation, string relativeUri, CancellationToken cancellationToken)
        where T : class
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var uri = new Uri(_address.BaseAddress, relativeUri);
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new SupplierUnavailableException(
                    operation,
                    (int)response.StatusCode,
                    RetryAfter(response),
                    $"The supplier answered {(int)response.StatusCode} to {operation}: {Shorten(detail)}");
            }

            return await response.Content.ReadFromJsonAsync<T>(_json, cancellationToken).ConfigureAwait(false)
                ?? throw new SupplierUnavailableException(operation, (int)response.StatusCode, null, $"The supplier sent an empty {operation} body.");
        }
        catch (RateLimitExceededException exception)
        {
            outcome = "throttled";
            throw new SupplierUnavailableException(operation, null, exception.RetryAfter,
                $"TravelDesk's own limit on supplier calls would make this {operation} call wait too long.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new SupplierUnavailableException(operation, null, null, $"The supplier could not be reached for {operation}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = "timeout";
            throw new SupplierUnavailableException(operation, null, null, $"The supplier did not answer {operation} within {_http.Timeout}.", exception);
        }
        catch (JsonException exception)
        {
            outcome = "malformed";
            throw new SupplierUnavailableException(operation, null, null, $"The supplier sent malformed {operation} JSON.", exception);
        }
        finally
        {
            var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
            _calls.Add(1, tags);
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    private static SupplierUnavailableException NotFound(string operation) =>
        new(operation, 404, null, $"The supplier does not know the {operation} search endpoint (is the URL right?).");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text)
    {
        var builder = new StringBuilder(text.Length > 200 ? text[..200] : text);
        return builder.Replace('\n', ' ').Replace('\r', ' ').ToString();
    }
}
