using System.Globalization;
using System.Text.RegularExpressions;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Deploy;

/// <summary>
/// deploy/Dockerfile's runtime stage, read as text (no image is built here): what the Kubernetes manifests and the
/// compose file rely on.
/// </summary>
public sealed partial class DockerfileTests
{
    /// <summary>The instructions after the last <c>FROM</c>, continuation lines joined.</summary>
    private static List<string> RuntimeStage()
    {
        var text = File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var instructions = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return instructions[instructions.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))..];
    }

    private static string Instruction(string name) =>
        RuntimeStage().SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))
        ?? throw new AssertionException($"the runtime stage of deploy/Dockerfile has no {name}");

    /// <summary>The port of <c>EXPOSE</c>.</summary>
    public static int ExposedPort() => int.Parse(Instruction("EXPOSE")["EXPOSE ".Length..].Trim(), CultureInfo.InvariantCulture);

    /// <summary>The user of <c>USER</c>.</summary>
    public static string RuntimeUser() => Instruction("USER")["USER ".Length..].Trim();

    [Test]
    public void The_runtime_is_the_chiseled_image_with_icu_as_a_numeric_non_root_user()
    {
        Assert.That(RuntimeStage()[0], Does.StartWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra"));
        Assert.That(RuntimeUser(), Is.EqualTo("1654"), "the image's `app` user, numeric so Kubernetes can check runAsNonRoot");
        Assert.That(Instruction("ENV"), Does.Contain("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false"));
        Assert.That(Instruction("ENV"), Does.Contain("ASPNETCORE_URLS=http://+:" + ExposedPort()));
    }

    /// <summary>The folder of the local media store, from <c>ENV Media__LocalPath</c>.</summary>
    public static string MediaFolder() =>
        MediaPath().Match(Instruction("ENV")) is { Success: true } match ? match.Groups["path"].Value
        : throw new AssertionException("the runtime stage sets no Media__LocalPath");

    [Test]
    public void The_media_folder_is_a_volume_the_runtime_user_owns()
    {
        var folder = MediaFolder();
        Assert.That(Instruction("VOLUME"), Is.EqualTo($"VOLUME {folder}"));
        Assert.That(RuntimeStage().Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)),
            Has.One.Matches<string>(l => l.Contains($"--chown={RuntimeUser()}:{RuntimeUser()}", StringComparison.Ordinal) && l.EndsWith(" " + folder, StringComparison.Ordinal)),
            "a volume mounted there takes the folder's owner, so the service can write to it under a read-only root");
    }

    [GeneratedRegex(@"Media__LocalPath=(?<path>\S+)")]
    private static partial Regex MediaPath();

    [Test]
    public void The_healthcheck_runs_the_programs_health_command_on_the_exposed_port()
    {
        var healthcheck = Instruction("HEALTHCHECK");
        var entryPoint = Instruction("ENTRYPOINT");
        Assert.That(entryPoint, Is.EqualTo("""ENTRYPOINT ["dotnet", "/app/KhoaGiao.Api.dll"]"""));
        Assert.That(ExecForm().Match(healthcheck).Groups["exec"].Value, Is.EqualTo("""["dotnet", "/app/KhoaGiao.Api.dll", "health"]"""),
            "no shell or curl in a chiseled image: the program asks");
        Assert.That($"http://127.0.0.1:{ExposedPort()}/health/live", Is.EqualTo(Api.Features.Health.HealthCommand.DefaultUrl),
            "the command's default address is where the image listens");
    }

    [GeneratedRegex(@"CMD (?<exec>\[.*\])$")]
    private static partial Regex ExecForm();
}
