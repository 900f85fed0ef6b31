using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests;

/// <summary>Starts the service over a fresh database once for the whole run, and drops it afterwards.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeSetUp]
    public Task StartAsync() => TestDatabase.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        try
        {
            await TestDatabase.StopAsync();
        }
        finally
        {
            TestS3.Stop();
        }
    }
}
