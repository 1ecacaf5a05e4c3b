using System.ComponentModel;
using System.Diagnostics;

namespace Strata.Testing;

/// <summary>Runs a short-lived command-line tool (openssl, redis-cli, initdb, pg_ctl) and captures its output.</summary>
internal static class ExternalCommand
{
    // ConfigureAwait(false) throughout: TestCertificates blocks on this from inside a Lazy<T>, possibly on a thread
    // that owns xunit's synchronisation context.
    public static async Task<ExternalCommandResult> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            // A tool run as another user (runuser -u postgres) may not be allowed into the test's working directory.
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new RedisServerException(
                $"Could not start '{fileName}' ({ex.Message}). Install it (scripts/test.sh installs redis-server, openssl and postgresql).",
                string.Empty,
                ex);
        }

        // Nothing is fed on stdin; closing it stops tools that would otherwise wait for a prompt answer.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"'{fileName}' did not finish within {timeout.TotalSeconds:0.#} s. stderr: {await stderr.ConfigureAwait(false)}");
        }

        return new ExternalCommandResult(
            process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
