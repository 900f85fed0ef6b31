using System.Globalization;
using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>What a client is told when PostgreSQL cancels a write that collided with another.</summary>
public sealed class ExceptionClassificationTests
{
    [TestCase(PostgresErrorCodes.DeadlockDetected)]
    [TestCase(PostgresErrorCodes.SerializationFailure)]
    public void A_write_cancelled_by_a_concurrent_one_is_a_retryable_conflict_not_an_outage(string sqlState)
    {
        var collision = new DbUpdateException("save failed", new PostgresException("cancelled", "ERROR", "ERROR", sqlState));

        var problem = InEnglish(() => ExceptionHandler.ProblemOf(collision, ifMatchSent: false));

        Assert.That(problem, Is.Not.Null);
        Assert.That(problem!.Status, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
        Assert.That(problem.Title, Is.EqualTo("Concurrent write conflict"));
        Assert.That(problem.Detail, Does.Not.Contain("unreachable"));
    }

    [Test]
    public void A_server_shutting_down_is_still_an_outage()
    {
        var shutdown = new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);

        var problem = InEnglish(() => ExceptionHandler.ProblemOf(shutdown, ifMatchSent: false));

        Assert.That(problem!.Status, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
        Assert.That(problem.Detail, Does.Contain("unreachable"));
    }

    private static T InEnglish<T>(Func<T> action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
