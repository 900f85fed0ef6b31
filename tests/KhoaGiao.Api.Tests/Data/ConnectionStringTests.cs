using KhoaGiao.Api.Data;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace KhoaGiao.Api.Tests.Data;

public sealed class ConnectionStringTests
{
    [Test]
    public void Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        Assert.That(Built("Host=db;Database=khoagiao").MaxAutoPrepare, Is.EqualTo(200));
        Assert.That(Built("Host=db;Database=khoagiao;Max Auto Prepare=0").MaxAutoPrepare, Is.Zero);
        Assert.That(Built("Host=db;Database=khoagiao;max auto prepare=0").MaxAutoPrepare, Is.Zero, "in any case");
        Assert.That(Built("Host=db;Database=khoagiao").Host, Is.EqualTo("db"));
    }

    [Test]
    public void Connecting_and_commands_time_out_quickly_unless_the_connection_string_says_otherwise()
    {
        var defaults = Built("Host=db;Database=khoagiao");
        var given = Built("Host=db;Database=khoagiao;Timeout=15;Command Timeout=60");

        Assert.That((defaults.Timeout, defaults.CommandTimeout), Is.EqualTo((2, 10)));
        Assert.That((given.Timeout, given.CommandTimeout), Is.EqualTo((15, 60)));
    }

    [Test]
    public void A_missing_connection_string_names_the_setting()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => DataServices.ConnectionString(new ConfigurationBuilder().Build()));

        Assert.That(failure!.Message, Does.Contain("ConnectionStrings__KhoaGiao"));
    }

    private static NpgsqlConnectionStringBuilder Built(string configured) =>
        new(DataServices.ConnectionString(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:KhoaGiao"] = configured })
            .Build()));
}
