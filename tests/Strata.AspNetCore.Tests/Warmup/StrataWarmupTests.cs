using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.Warmup;

/// <summary>
/// Warm-up through a TestHost application on a manual clock: the start-up run in the background and readiness
/// waiting for it, timeouts, failures, coalesced on-demand runs and the schedule. Warmers are released by the test
/// (TaskCompletionSource) and timeouts fire when the test advances the clock.
/// </summary>
public sealed class StrataWarmupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider _clock = new();
    private readonly WarmerScripts _scripts = [];

    [Fact]
    public async Task StartAsync_WarmerStillRunning_HostStartsAndReadinessIsUnhealthyUntilItCompletes()
    {
        var alpha = Script("alpha", new WarmerScript { Release = new(TaskCreationOptions.RunContinuationsAsynchronously) });
        using var host = await StartAsync(s => s.AddStrataWarmer<AlphaWarmer>());

        await alpha.Started.Task.WaitAsync(Bound);
        (await host.GetAsync("/health/ready")).ShouldBe("503 Unhealthy");
        (await host.ReadinessAsync()).Description.ShouldBe("Start-up warm-up in progress (alpha).");
        (await host.GetAsync("/health/live")).ShouldBe("200 Healthy");

        alpha.Release!.SetResult();
        await host.Warmup().StartupCompletion.WaitAsync(Bound);

        (await host.GetAsync("/health/ready")).ShouldBe("200 Healthy");
        var status = host.Services.GetRequiredService<IStrataWarmup>().Status;
        status.StartupCompleted.ShouldBeTrue();
        var warmer = status.Warmers.ShouldHaveSingleItem();
        warmer.State.ShouldBe(StrataWarmupState.Succeeded);
        warmer.LastTrigger.ShouldBe(StrataWarmupTrigger.Startup);
        warmer.ItemsWarmed.ShouldBe(1);
        warmer.LastError.ShouldBeNull();
        (await host.Services.GetRequiredService<StrataCache>().TryGetAsync<string>("warm:alpha")).ShouldNotBeNull();
        await host.StopAsync();
    }

    [Fact]
    public async Task StartupRun_WarmerIgnoresItsTokenPastTheTimeout_ReportedTimedOutAndReadinessDegraded()
    {
        var alpha = Script("alpha", new WarmerScript { Release = new(TaskCreationOptions.RunContinuationsAsynchronously), IgnoreCancellation = true });
        using var host = await StartAsync(s => s.AddStrataWarmer<AlphaWarmer>().AddStrataWarmup(o => o.Timeout = TimeSpan.FromSeconds(30)));
        await alpha.Started.Task.WaitAsync(Bound);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await host.Warmup().StartupCompletion.WaitAsync(Bound);

        var warmer = host.Services.GetRequiredService<IStrataWarmup>().Status.Warmers.ShouldHaveSingleItem();
        warmer.State.ShouldBe(StrataWarmupState.TimedOut);
        warmer.LastError.ShouldBe("Did not finish within 30 s.");
        warmer.LastDuration.ShouldBe(TimeSpan.FromSeconds(30));
        var readiness = await host.ReadinessAsync();
        readiness.Status.ShouldBe(HealthStatus.Degraded);
        readiness.Description.ShouldBe("warmer 'alpha' timed out: Did not finish within 30 s.");
        alpha.Release!.SetResult();
        await host.StopAsync();
    }

    [Fact]
    public async Task StartupRun_WarmerThrows_ReadinessDegradedWithTheMessageAndHostServes()
    {
        Script("alpha", new WarmerScript { Failure = new InvalidOperationException("catalog API answered 503") });
        Script("beta", new WarmerScript());
        using var host = await StartAsync(s => s.AddStrataWarmer<AlphaWarmer>().AddStrataWarmer<BetaWarmer>());

        await host.Warmup().StartupCompletion.WaitAsync(Bound);

        var readiness = await host.ReadinessAsync();
        readiness.Status.ShouldBe(HealthStatus.Degraded);
        readiness.Description.ShouldBe("warmer 'alpha' failed: catalog API answered 503.");
        (await host.GetAsync("/health/ready")).ShouldBe("200 Degraded");
        (await host.GetAsync("/health/live")).ShouldBe("200 Healthy");
        var status = host.Services.GetRequiredService<IStrataWarmup>().Status;
        status.Warmers.Select(w => (w.Name, w.State, w.ItemsWarmed)).ShouldBe([("alpha", StrataWarmupState.Failed, 2L), ("beta", StrataWarmupState.Succeeded, 1L)]);
        await host.StopAsync();
    }

    [Fact]
    public async Task RunAsync_CalledAgainWhileRunning_JoinsTheRunInsteadOfStartingAnother()
    {
        var alpha = Script("alpha", new WarmerScript { Release = new(TaskCreationOptions.RunContinuationsAsynchronously) });
        using var host = await StartAsync(s => s.AddStrataWarmer<AlphaWarmer>().AddStrataWarmup(o => o.RunAtStartup = false));
        var warmup = host.Services.GetRequiredService<IStrataWarmup>();

        var first = warmup.RunAsync("alpha");
        await alpha.Started.Task.WaitAsync(Bound);
        var second = warmup.RunAsync("ALPHA");
        var all = warmup.RunAsync();
        second.IsCompleted.ShouldBeFalse();
        alpha.Release!.SetResult();
        var reports = await Task.WhenAll(first, second, all).WaitAsync(Bound);

        alpha.Invocations.ShouldBe(1);
        reports.ShouldAllBe(r => r.Succeeded && r.Warmers.Count == 1 && r.Warmers[0].Runs == 1 && r.Warmers[0].LastTrigger == StrataWarmupTrigger.OnDemand);
        await host.StopAsync();
    }

    [Fact]
    public async Task RunAsync_AfterARunEnded_StartsANewOne()
    {
        var alpha = Script("alpha", new WarmerScript());
        using var host = await StartAsync(s => s.AddStrataWarmer<AlphaWarmer>().AddStrataWarmup(o => o.RunAtStartup = false));
        var warmup = host.Services.GetRequiredService<IStrataWarmup>();

        await warmup.RunAsync("alpha").WaitAsync(Bound);
        var report = await warmup.RunAsync("alpha").WaitAsync(Bound);

        alpha.Invocations.ShouldBe(2);
        report.Warmers.ShouldHaveSingleItem().Runs.ShouldBe(2);
        await host.StopAsync();
    }

    [Fact]
    public async Task Interval_ClockAdvancedByIt_RunsEveryWarmerOnSchedule()
    {
        var alpha = Script("alpha", new WarmerScript { Release = new(TaskCreationOptions.RunContinuationsAsynchronously) });
        using var host = await StartAsync(s => s.AddStrataWarmer<AlphaWarmer>().AddStrataWarmup(o =>
        {
            o.RunAtStartup = false;
            o.Interval = TimeSpan.FromMinutes(5);
        }));
        host.Warmup().Status.StartupCompleted.ShouldBeTrue();
        alpha.Invocations.ShouldBe(0);

        _clock.Advance(TimeSpan.FromMinutes(5));
        await alpha.Started.Task.WaitAsync(Bound);
        var run = host.Warmup().RunningTask("alpha").ShouldNotBeNull();
        host.Warmup().Status.Warmers[0].State.ShouldBe(StrataWarmupState.Running);
        alpha.Release!.SetResult();
        var status = await run.WaitAsync(Bound);

        status.State.ShouldBe(StrataWarmupState.Succeeded);
        status.LastTrigger.ShouldBe(StrataWarmupTrigger.Scheduled);
        status.LastStartedAt.ShouldBe(ManualTimeProvider.DefaultStart + TimeSpan.FromMinutes(5));
        alpha.Invocations.ShouldBe(1);
        await host.StopAsync();
    }

    [Fact]
    public async Task RunAsync_UnknownWarmer_ThrowsListingTheKnownOnes()
    {
        Script("alpha", new WarmerScript());
        Script("beta", new WarmerScript());
        using var host = await StartAsync(s => s.AddStrataWarmer<BetaWarmer>().AddStrataWarmer<AlphaWarmer>());

        var error = await Should.ThrowAsync<KeyNotFoundException>(() => host.Services.GetRequiredService<IStrataWarmup>().RunAsync("gamma"));

        error.Message.ShouldBe("Unknown warmer 'gamma'. Known warmers: alpha, beta.");
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_TwoWarmersWithOneName_FailsNamingBoth()
    {
        Script("alpha", new WarmerScript());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => StartAsync(s => s.AddStrataWarmer<AlphaWarmer>().AddStrataWarmer<AlphaTwinWarmer>()));

        error.Message.ShouldContain("Two warmers are named 'Alpha'");
        error.Message.ShouldContain(nameof(AlphaWarmer));
        error.Message.ShouldContain(nameof(AlphaTwinWarmer));
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsNamingEachSetting()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(s => s.AddStrataWarmup(o =>
        {
            o.Timeout = TimeSpan.Zero;
            o.Interval = TimeSpan.FromSeconds(-1);
            o.MaxConcurrency = 0;
        })));

        error.Failures.Count().ShouldBe(3);
        error.Message.ShouldContain("StrataWarmupOptions.Timeout");
        error.Message.ShouldContain("StrataWarmupOptions.Interval");
        error.Message.ShouldContain("StrataWarmupOptions.MaxConcurrency");
    }

    [Fact]
    public async Task StartAsync_NoWarmers_ReadinessHealthyAtOnce()
    {
        using var host = await StartAsync(s => s.AddStrataWarmup());

        (await host.GetAsync("/health/ready")).ShouldBe("200 Healthy");
        await host.StopAsync();
    }

    private WarmerScript Script(string name, WarmerScript script)
    {
        _scripts[name] = script;
        return script;
    }

    private Task<IHost> StartAsync(Action<IServiceCollection> services) => WarmupApp.StartAsync(_clock, _scripts, services);
}
