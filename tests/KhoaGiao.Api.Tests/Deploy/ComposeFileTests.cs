using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Deploy;

/// <summary>deploy/compose.yaml and the nginx configuration it mounts, read as files (no containers run here).</summary>
public sealed partial class ComposeFileTests
{
    private static JsonNode Services() =>
        YamlDocuments.Parse(File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "compose.yaml"))).Single()["services"]!;

    private static string NginxConfiguration() =>
        File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "nginx", "nginx.conf"));

    /// <summary>Services that run the image as a server: no command of their own.</summary>
    private static List<KeyValuePair<string, JsonNode?>> ApiReplicas() =>
        Services().AsObject().Where(s => s.Value!["image"].Text() == "khoagiao-api:local" && s.Value["command"] is null).ToList();

    [Test]
    public void Two_api_replicas_start_after_the_migration_which_waits_for_postgres()
    {
        var services = Services();
        var migrate = services["migrate"]!;
        Assert.That(migrate["image"].Text(), Is.EqualTo("khoagiao-api:local"));
        Assert.That(migrate["command"].Items().Select(c => c.Text()), Is.EqualTo(new[] { "migrate" }));
        Assert.That(migrate["depends_on"]!["postgres"]!["condition"].Text(), Is.EqualTo("service_healthy"));
        Assert.That(services["postgres"]!["image"].Text(), Does.StartWith("postgres:16"));
        Assert.That(services["postgres"]!["healthcheck"]?["test"], Is.Not.Null);
        Assert.That(services["postgres"]!["volumes"].Items().Select(v => v.Text()), Does.Contain("postgres-data:/var/lib/postgresql/data"));

        var replicas = ApiReplicas();
        Assert.That(replicas, Has.Count.EqualTo(2));
        foreach (var (name, replica) in replicas)
        {
            Assert.That(replica!["depends_on"]!["migrate"]!["condition"].Text(), Is.EqualTo("service_completed_successfully"), name);
            Assert.That(replica["read_only"].Text(), Is.EqualTo("true"), name);
            Assert.That(replica["tmpfs"].Items().Select(t => t.Text()), Is.EqualTo(new[] { "/tmp" }), name);
            Assert.That(replica["environment"]!["Database__MigrateOnStartup"], Is.Null, $"{name} leaves migrating to the migrate service");
        }

        Assert.That(replicas.Count(r => r.Value!["environment"]!["Database__SeedDemoContent"] is not null), Is.EqualTo(1),
            "one replica loads the demo content");
    }

    [Test]
    public void Both_replicas_mount_one_media_volume_at_the_images_media_folder()
    {
        var mounts = ApiReplicas().Select(r => r.Value!["volumes"].Items().Select(v => v.Text()).ToList()).ToList();
        Assert.That(mounts, Is.All.EqualTo(new[] { $"media-files:{DockerfileTests.MediaFolder()}" }),
            "a photo uploaded through one replica is served by the other");
        Assert.That(YamlDocuments.Parse(File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "compose.yaml"))).Single()
            ["volumes"]!["media-files"], Is.Not.Null);
    }

    [Test]
    public void The_proxy_balances_both_replicas_and_they_trust_its_network_only()
    {
        var services = Services();
        var proxy = services["proxy"]!;
        Assert.That(proxy["image"].Text(), Does.StartWith("nginx:"));
        Assert.That(proxy["volumes"].Items().Select(v => v.Text()), Does.Contain("./nginx/nginx.conf:/etc/nginx/nginx.conf:ro"));
        var replicas = ApiReplicas();
        Assert.That(UpstreamServers().Matches(NginxConfiguration()).Select(m => m.Groups["host"].Value),
            Is.EquivalentTo(replicas.Select(r => r.Key + ":" + DockerfileTests.ExposedPort())));

        var network = YamlDocuments.Parse(File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "compose.yaml"))).Single()
            ["networks"]!["edge"]!["ipam"]!["config"].Items().Single()["subnet"].Text();
        Assert.That(proxy["networks"].Items().Select(n => n.Text()), Is.EqualTo(new[] { "edge" }), "the proxy cannot reach PostgreSQL");
        foreach (var (name, replica) in replicas)
        {
            Assert.That(replica!["environment"]!["Http__TrustedProxies__0"].Text(), Is.EqualTo(network), name);
        }

        Assert.That(services.AsObject().Where(s => s.Key != "proxy" && s.Value!["ports"] is not null).Select(s => s.Key), Is.Empty,
            "only the proxy is published");
    }

    [Test]
    public void The_proxy_caches_only_what_cache_control_allows_and_never_management_or_credentials()
    {
        var configuration = NginxConfiguration();
        var directives = configuration.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith('#')).ToList();
        Assert.That(directives.Where(d => d.StartsWith("proxy_cache_valid", StringComparison.Ordinal)), Is.Empty,
            "proxy_cache_valid would keep responses that carry no Cache-Control");
        Assert.That(directives.Where(d => d.StartsWith("proxy_ignore_headers", StringComparison.Ordinal)), Is.Empty);
        Assert.That(directives, Does.Contain("proxy_no_cache $http_authorization $arg_preview;"));
        Assert.That(directives, Does.Contain("proxy_set_header X-Forwarded-For $remote_addr;"));
        Assert.That(directives, Does.Contain("proxy_set_header X-Forwarded-Proto $scheme;"));
        foreach (var prefix in new[] { "/api/v1/admin", "/api/v1/auth" })
        {
            var block = Regex.Match(configuration, $@"location \^~ {Regex.Escape(prefix)} \{{(?<body>[^}}]*)\}}");
            Assert.That(block.Success, Is.True, $"a location of its own for {prefix}");
            Assert.That(block.Groups["body"].Value, Does.Not.Contain("proxy_cache"), prefix);
        }
    }

    [GeneratedRegex(@"^\s*server (?<host>[\w.-]+:\d+) resolve;", RegexOptions.Multiline)]
    private static partial Regex UpstreamServers();
}
