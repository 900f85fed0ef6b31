namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>Base of tests with a second instance of the service (B) on the suite's database, beside the suite's own (A).</summary>
public abstract class TwoInstanceTest : ApiTest
{
    private SecondInstance? _second;

    /// <summary>Instance B, started once for the fixture.</summary>
    protected SecondInstance Second => _second ?? throw new InvalidOperationException("The second instance is not started.");

    [OneTimeSetUp]
    public async Task StartSecondInstanceAsync()
    {
        _second = new SecondInstance();
        await OnSecondInstanceStartedAsync();
    }

    [OneTimeTearDown]
    public async Task StopSecondInstanceAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }

    /// <summary>What the fixture waits for once B has started (its change listener, say).</summary>
    protected virtual Task OnSecondInstanceStartedAsync() => Task.CompletedTask;
}
