using System.Text.Json.Nodes;

namespace KhoaGiao.Api.Tests.Deploy;

/// <summary>
/// deploy/k8s as <c>kubectl kustomize</c> renders it, base and production overlay: the objects are there and agree
/// with each other (labels and selectors, ports, names) and with the image (port, user).
/// </summary>
[TestFixture("base")]
[TestFixture("overlays/production")]
public sealed class KubernetesManifestTests(string directory)
{
    private List<JsonObject> _objects = [];

    [OneTimeSetUp]
    public async Task RenderAsync() => _objects = await Kubectl.KustomizeAsync(directory);

    private bool IsProduction => directory == "overlays/production";

    private JsonObject One(string kind, string? name = null)
    {
        var found = _objects.Where(o => o["kind"].Text() == kind && (name is null || o["metadata"]?["name"].Text() == name)).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"one {kind} {name} in deploy/k8s/{directory}");
        return found[0];
    }

    private JsonObject Deployment => One("Deployment", "khoagiao-api");
    private JsonNode PodSpec => Deployment["spec"]!["template"]!["spec"]!;
    private JsonNode Container => PodSpec["containers"].Items().Single(c => c["name"].Text() == "api");
    private Dictionary<string, string?> PodLabels => Deployment["spec"]!["template"]!["metadata"]!["labels"].Pairs();
    private JsonNode MigrationJob => One("Job", "khoagiao-migrate");

    private static bool Selects(Dictionary<string, string?> selector, Dictionary<string, string?> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    /// <summary>The container port a probe or Service names, by name or number.</summary>
    private int ContainerPort(string? nameOrNumber)
    {
        var port = Container["ports"].Items().SingleOrDefault(p => p["name"].Text() == nameOrNumber || p["containerPort"].Text() == nameOrNumber);
        Assert.That(port, Is.Not.Null, $"the container has a port {nameOrNumber}");
        return int.Parse(port!["containerPort"].Text()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void Probes_ask_the_health_endpoints_on_the_port_the_image_listens_on()
    {
        Assert.That(Container["readinessProbe"]!["httpGet"]!["path"].Text(), Is.EqualTo("/health/ready"));
        Assert.That(Container["livenessProbe"]!["httpGet"]!["path"].Text(), Is.EqualTo("/health/live"));
        Assert.That(Container["startupProbe"]!["httpGet"]!["path"].Text(), Is.EqualTo("/health/live"));
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            Assert.That(ContainerPort(Container[probe]!["httpGet"]!["port"].Text()), Is.EqualTo(DockerfileTests.ExposedPort()), probe);
        }
    }

    [Test]
    public void Pods_run_as_the_images_non_root_user_with_a_read_only_root_and_no_capabilities()
    {
        foreach (var (what, pod, containers) in new[]
        {
            ("Deployment", PodSpec, PodSpec["containers"].Items()),
            ("migration Job", MigrationJob["spec"]!["template"]!["spec"]!, MigrationJob["spec"]!["template"]!["spec"]!["containers"].Items()),
        })
        {
            var security = pod["securityContext"];
            Assert.That(security?["runAsNonRoot"].Text(), Is.EqualTo("true"), what);
            Assert.That(security?["runAsUser"].Text(), Is.EqualTo(DockerfileTests.RuntimeUser()), what);
            Assert.That(security?["seccompProfile"]?["type"].Text(), Is.EqualTo("RuntimeDefault"), what);
            Assert.That(pod["automountServiceAccountToken"].Text(), Is.EqualTo("false"), what);
            Assert.That(One("ServiceAccount", pod["serviceAccountName"].Text())["automountServiceAccountToken"].Text(), Is.EqualTo("false"));
            Assert.That(containers.ToList(), Is.Not.Empty, what);
            foreach (var container in containers)
            {
                var context = container["securityContext"];
                Assert.That(context?["readOnlyRootFilesystem"].Text(), Is.EqualTo("true"), what);
                Assert.That(context?["allowPrivilegeEscalation"].Text(), Is.EqualTo("false"), what);
                Assert.That(context?["capabilities"]?["drop"].Items().Select(c => c.Text()), Is.EqualTo(new[] { "ALL" }), what);
                Assert.That(container["volumeMounts"].Items().Select(m => m["mountPath"].Text()), Does.Contain("/tmp"),
                    $"{what}: the one writable path of a read-only root");
                foreach (var kind in new[] { "requests", "limits" })
                {
                    Assert.That(container["resources"]?[kind].Pairs().Keys, Is.SupersetOf(new[] { "cpu", "memory" }), $"{what} {kind}");
                }
            }
        }
    }

    [Test]
    public void Pods_spread_over_zones_and_nodes()
    {
        var constraints = PodSpec["topologySpreadConstraints"].Items().ToList();
        Assert.That(constraints.Select(c => c["topologyKey"].Text()),
            Is.EquivalentTo(new[] { "topology.kubernetes.io/zone", "kubernetes.io/hostname" }));
        Assert.That(constraints.All(c => Selects(c["labelSelector"]!["matchLabels"].Pairs(), PodLabels)), "each counts the service's pods");
    }

    [Test]
    public void The_service_selects_the_api_pods_only_and_reaches_their_port()
    {
        var service = One("Service", "khoagiao-api");
        var selector = service["spec"]!["selector"].Pairs();
        Assert.That(Selects(selector, PodLabels), Is.True, "the Service selects the Deployment's pods");
        Assert.That(Selects(selector, MigrationJob["spec"]!["template"]!["metadata"]!["labels"].Pairs()), Is.False,
            "the Service does not send requests to the migration Job");
        Assert.That(Selects(Deployment["spec"]!["selector"]!["matchLabels"].Pairs(), PodLabels), Is.True);
        var port = service["spec"]!["ports"].Items().Single();
        Assert.That(ContainerPort(port["targetPort"].Text()), Is.EqualTo(DockerfileTests.ExposedPort()));
    }

    [Test]
    public void The_ingress_points_at_a_port_of_the_service()
    {
        var service = One("Service", "khoagiao-api");
        var backends = One("Ingress")["spec"]!["rules"].Items()
            .SelectMany(r => r["http"]!["paths"].Items())
            .Select(p => p["backend"]!["service"]!)
            .ToList();
        Assert.That(backends, Is.Not.Empty);
        foreach (var backend in backends)
        {
            Assert.That(backend["name"].Text(), Is.EqualTo("khoagiao-api"));
            var port = backend["port"]!["name"].Text() ?? backend["port"]!["number"].Text();
            Assert.That(service["spec"]!["ports"].Items().Any(p => p["name"].Text() == port || p["port"].Text() == port), Is.True,
                $"the Service has port {port}");
        }
    }

    [Test]
    public void The_disruption_budget_and_the_autoscaler_govern_the_deployment()
    {
        var budget = One("PodDisruptionBudget");
        Assert.That(budget["spec"]!["selector"]!["matchLabels"].Pairs(), Is.EquivalentTo(Deployment["spec"]!["selector"]!["matchLabels"].Pairs()),
            "the budget counts the Deployment's pods");
        Assert.That(budget["spec"]!["maxUnavailable"].Text() ?? budget["spec"]!["minAvailable"].Text(), Is.Not.Null);

        var autoscaler = One("HorizontalPodAutoscaler");
        Assert.That(autoscaler["apiVersion"].Text(), Is.EqualTo("autoscaling/v2"));
        var target = autoscaler["spec"]!["scaleTargetRef"]!;
        Assert.That((target["apiVersion"].Text(), target["kind"].Text(), target["name"].Text()),
            Is.EqualTo(("apps/v1", "Deployment", "khoagiao-api")));
        Assert.That(autoscaler["spec"]!["metrics"].Items().Select(m => m["resource"]?["name"].Text()), Does.Contain("cpu"));
        var (min, max) = (int.Parse(autoscaler["spec"]!["minReplicas"].Text()!), int.Parse(autoscaler["spec"]!["maxReplicas"].Text()!));
        Assert.That(min, Is.GreaterThanOrEqualTo(2), "a drain or a crash leaves one pod serving");
        Assert.That(max, Is.GreaterThan(min));
        Assert.That(Deployment["spec"]!["replicas"], Is.Null, "the autoscaler owns the replica count; a field here resets it on apply");
        Assert.That(Deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"].Text(), Is.EqualTo("0"));
    }

    [Test]
    public void The_migration_job_runs_migrate_with_the_services_image_and_database()
    {
        var job = MigrationJob["spec"]!["template"]!["spec"]!;
        var container = job["containers"].Items().Single();
        Assert.That(container["command"], Is.Null, "the image's entry point runs the program");
        Assert.That(container["args"].Items().Select(a => a.Text()), Is.EqualTo(new[] { "migrate" }));
        Assert.That(container["image"].Text(), Is.EqualTo(Container["image"].Text()));
        Assert.That(job["restartPolicy"].Text(), Is.EqualTo("Never"));
        Assert.That(Environment(container)["ConnectionStrings__KhoaGiao"], Is.Not.Null);
    }

    [Test]
    public void The_database_is_a_cloudnativepg_cluster_of_three_with_backups_whose_secret_the_pods_read()
    {
        var cluster = One("Cluster", "khoagiao-db");
        Assert.That(cluster["apiVersion"].Text(), Is.EqualTo("postgresql.cnpg.io/v1"));
        Assert.That(cluster["spec"]!["instances"].Text(), Is.EqualTo("3"));
        Assert.That(cluster["spec"]!["storage"]!["size"].Text(), Is.Not.Empty);
        var store = cluster["spec"]!["backup"]!["barmanObjectStore"]!;
        Assert.That(store["destinationPath"].Text(), Does.StartWith("s3://"));
        var credentials = store["s3Credentials"]!;
        Assert.That(credentials["accessKeyId"]!["name"].Text(), Is.EqualTo("khoagiao-db-backup"));
        Assert.That(credentials["secretAccessKey"]!["name"].Text(), Is.EqualTo("khoagiao-db-backup"));

        var schedule = One("ScheduledBackup");
        Assert.That(schedule["spec"]!["cluster"]!["name"].Text(), Is.EqualTo("khoagiao-db"));
        Assert.That(schedule["spec"]!["schedule"].Text()!.Split(' '), Has.Length.EqualTo(6), "CloudNativePG's cron has seconds");

        foreach (var container in new[] { Container, MigrationJob["spec"]!["template"]!["spec"]!["containers"].Items().Single() })
        {
            var fromSecrets = container["env"].Items().Select(e => e["valueFrom"]?["secretKeyRef"]?["name"].Text()).OfType<string>().Distinct();
            Assert.That(fromSecrets, Is.EqualTo(new[] { "khoagiao-db-app" }), "the operator's <cluster>-app Secret");
            var connection = Environment(container)["ConnectionStrings__KhoaGiao"]!;
            foreach (var part in new[] { "Host=$(KHOAGIAO_DB_HOST)", "Database=$(KHOAGIAO_DB_NAME)", "Username=$(KHOAGIAO_DB_USER)", "Password=$(KHOAGIAO_DB_PASSWORD)" })
            {
                Assert.That(connection, Does.Contain(part));
            }
        }
    }

    [Test]
    public void Settings_come_from_the_rendered_config_map_and_name_the_proxies_network()
    {
        var configMapName = Container["envFrom"].Items().Select(e => e["configMapRef"]?["name"].Text()).OfType<string>().Single();
        var settings = One("ConfigMap", configMapName)["data"].Pairs();
        Assert.That(settings["Database__MigrateOnStartup"], Is.EqualTo("false"), "the Job migrates, not every replica");
        Assert.That(settings["Database__SeedDemoContent"], Is.EqualTo("false"));
        Assert.That(System.Net.IPNetwork.TryParse(settings["Http__TrustedProxies__0"], out _), Is.True, "the ingress controller's network, a CIDR range");
        Assert.That(settings["Http__ManagementCorsOrigins__0"], Does.StartWith("https://"));
        Assert.That(Container["envFrom"].Items().Select(e => e["secretRef"]?["name"].Text()).OfType<string>(), Is.EqualTo(new[] { "khoagiao-api" }));
        Assert.That(_objects.Where(o => o["metadata"]?["namespace"] is not null).Select(o => o["metadata"]!["namespace"].Text()).Distinct(),
            Is.EqualTo(new[] { "khoagiao" }));
    }

    [Test]
    public void Photos_go_to_an_s3_bucket_since_the_replicas_share_no_disk()
    {
        var configMapName = Container["envFrom"].Items().Select(e => e["configMapRef"]?["name"].Text()).OfType<string>().Single();
        var settings = One("ConfigMap", configMapName)["data"].Pairs();
        Assert.That(settings["Media__Storage"], Is.EqualTo("S3"));
        Assert.That(settings["Media__S3__Bucket"], Is.Not.Empty);
        Assert.That(Uri.TryCreate(settings["Media__S3__ServiceUrl"], UriKind.Absolute, out var store) && store.Scheme == (IsProduction ? "https" : "http"), Is.True);
        Assert.That(settings.Keys, Has.None.StartsWith("Media__S3__AccessKey").And.None.StartsWith("Media__S3__SecretKey"), "keys live in the Secret");
    }

    [Test]
    public void Metrics_are_served_on_a_port_of_their_own_that_the_service_does_not_expose()
    {
        var configMapName = Container["envFrom"].Items().Select(e => e["configMapRef"]?["name"].Text()).OfType<string>().Single();
        var port = One("ConfigMap", configMapName)["data"]!["Telemetry__PrometheusPort"].Text();
        Assert.That(ContainerPort("metrics").ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(port));
        Assert.That(One("Service", "khoagiao-api")["spec"]!["ports"].Items().Select(p => p["targetPort"].Text()), Has.None.AnyOf("metrics", port));
    }

    [Test]
    public void Anonymous_reads_go_to_the_database_clusters_read_only_service()
    {
        var cluster = One("Cluster")["metadata"]!["name"].Text();
        var environment = Environment(Container);
        Assert.That(environment["ConnectionStrings__KhoaGiaoRead"], Does.StartWith($"Host={cluster}-ro;"));
        Assert.That(environment["ConnectionStrings__KhoaGiao"], Does.Contain("Password=$(KHOAGIAO_DB_PASSWORD)"));
        Assert.That(environment["ConnectionStrings__KhoaGiaoRead"], Does.Contain("Password=$(KHOAGIAO_DB_PASSWORD)"));
    }

    [Test]
    public void Secrets_in_the_manifests_are_placeholders_and_production_has_none()
    {
        var secrets = _objects.Where(o => o["kind"].Text() == "Secret").ToList();
        if (IsProduction)
        {
            Assert.That(secrets.Select(s => s["metadata"]!["name"].Text()), Is.Empty, "production Secrets are created outside the manifests");
            return;
        }

        Assert.That(secrets.Select(s => s["metadata"]!["name"].Text()), Is.EquivalentTo(new[] { "khoagiao-api", "khoagiao-db-backup" }));
        foreach (var value in secrets.SelectMany(s => s["stringData"].Pairs().Values))
        {
            Assert.That(value, Is.Empty.Or.StartsWith("PLACEHOLDER"));
        }
    }

    [Test]
    public void Production_pins_the_image_and_requires_the_key_encryption_certificate()
    {
        if (!IsProduction)
        {
            Assert.That(Container["image"].Text(), Is.EqualTo("khoagiao-api:local"), "the base runs the image compose builds");
            return;
        }

        var image = Container["image"].Text()!;
        var tag = image[(image.LastIndexOf(':') + 1)..];
        Assert.That(image, Does.Contain("/khoagiao-api:"), "an image from a registry");
        Assert.That(tag, Is.Not.AnyOf("latest", "local", ""), "a pinned version");
        Assert.That(One("HorizontalPodAutoscaler")["spec"]!["minReplicas"].Text(), Is.EqualTo("3"));
        Assert.That(One("Ingress")["spec"]!["rules"].Items().Select(r => r["host"].Text()), Is.EqualTo(new[] { "api.tuyengiao.example" }));

        var volume = PodSpec["volumes"].Items().Single(v => v["name"].Text() == "key-encryption");
        Assert.That(volume["secret"]!["optional"].Text(), Is.EqualTo("false"));
        var mount = Container["volumeMounts"].Items().Single(m => m["name"].Text() == "key-encryption")["mountPath"].Text();
        var configMapName = Container["envFrom"].Items().Select(e => e["configMapRef"]?["name"].Text()).OfType<string>().Single();
        Assert.That(One("ConfigMap", configMapName)["data"]!["Security__KeyEncryptionCertificatePath"].Text(), Does.StartWith(mount + "/"));
    }

    private static Dictionary<string, string?> Environment(JsonNode container) =>
        container["env"].Items().ToDictionary(e => e["name"].Text()!, e => e["value"].Text());
}
