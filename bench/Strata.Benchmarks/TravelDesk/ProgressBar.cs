using System.Diagnostics;
using System.Globalization;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// A progress bar on standard error, one line rewritten in place (<c>\r</c>) four times a second; when standard error
/// is a file, a plain line every 10 % instead. Standard output keeps only results.
/// </summary>
internal sealed class ProgressBar : IAsyncDisposable
{
    private const int Width = 30;

    private readonly string _label;
    private readonly int _total;
    private readonly Func<int> _completed;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _lastDecile = -1;

    public ProgressBar(string label, int total, Func<int> completed)
    {
        _label = label;
        _total = total;
        _completed = completed;
        _loop = LoopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Draw(final: true);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Draw(final: false);
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    private void Draw(bool final)
    {
        var done = Math.Min(_completed(), _total);
        var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var filled = _total == 0 ? Width : done * Width / _total;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"  {_label,-12} [{new string('#', filled)}{new string('.', Width - filled)}] {done,6}/{_total} {elapsed,6:F1} s");
        if (Console.IsErrorRedirected)
        {
            var decile = _total == 0 ? 10 : done * 10 / _total;
            if (decile != _lastDecile)
            {
                _lastDecile = decile;
                Console.Error.WriteLine(text);
            }

            return;
        }

        Console.Error.Write("\r" + text + (final ? Environment.NewLine : string.Empty));
    }
}
