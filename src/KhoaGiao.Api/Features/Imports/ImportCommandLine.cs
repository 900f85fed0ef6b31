using System.Globalization;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// The arguments of <c>dotnet KhoaGiao.Api.dll import …</c>, read without the configuration's command-line provider
/// (which would take a bare flag such as <c>--publish</c> for a key missing its value).
/// </summary>
public sealed record ImportCommandLine(ImportSource Source, bool DryRun, bool Restart, int? Concurrency, int? DelayMilliseconds)
{
    public const string Usage = """
        Usage: dotnet KhoaGiao.Api.dll import --source <name> (--rss <url|file> | --atom <url|file> | --wordpress <site url> | --jsonl <file>)
                 [--category <name>] [--publish] [--since <yyyy-mm-dd | date-time>] [--dry-run]
                 [--concurrency <1-32>] [--delay-ms <0-60000>] [--allow-private-address] [--restart]

          --source                 the source's name, shown as the articles' source and part of their identity
          --rss, --atom            an RSS 2.0 or Atom 1.0 feed (either is read whichever flag names it)
          --wordpress              a WordPress site; its posts are read through /wp-json/wp/v2/posts
          --jsonl                  a file of one upsert-by-source request (JSON) per line
          --category               file every article under this category (default: the source's, or none)
          --publish                publish new articles at the source's time (default: new articles are drafts);
                                   articles already here keep their status
          --since                  skip items published before this (a date is midnight in Asia/Ho_Chi_Minh)
          --dry-run                read and check everything, write nothing; counts new and existing articles
          --concurrency            items written at the same time (default Imports:Concurrency, 4)
          --delay-ms               pause between two requests to the source (default Imports:DelayMilliseconds, 250)
          --allow-private-address  allow a source on this machine or the local network
          --restart                start from the first item, not where a stopped import of the source left off

        Exit codes: 0 every item imported; 1 some items failed (each reason is printed); 2 the source could not be
        read to its end, or another import of it is running; 64 wrong arguments; 130 interrupted (the next run resumes).
        """;

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The command line, or the message saying what is wrong with it.</summary>
    public static (ImportCommandLine? Line, string? Error) Parse(IReadOnlyList<string> args)
    {
        var source = new ImportSource();
        bool dryRun = false, restart = false, located = false;
        int? concurrency = null, delay = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (name)
            {
                case "--source":
                    source.Name = Value() ?? "";
                    break;
                case "--rss" or "--atom" or "--wordpress" or "--jsonl":
                    if (located)
                    {
                        return (null, "Give one of --rss, --atom, --wordpress and --jsonl.");
                    }

                    located = true;
                    source.Kind = name switch { "--rss" => ImportKind.Rss, "--atom" => ImportKind.Atom, "--wordpress" => ImportKind.WordPress, _ => ImportKind.JsonLines };
                    source.Location = Value() ?? "";
                    break;
                case "--category":
                    source.Category = Value() is { Length: > 0 } category ? category : null;
                    break;
                case "--publish":
                    source.Publish = true;
                    break;
                case "--since":
                    if (Date(Value()) is not { } since)
                    {
                        return (null, "--since needs a date (2024-01-31) or a date and time (2024-01-31T08:00:00+07:00).");
                    }

                    source.Since = since;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--restart":
                    restart = true;
                    break;
                case "--allow-private-address":
                    source.AllowPrivateAddress = true;
                    break;
                case "--concurrency":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 32)
                    {
                        return (null, "--concurrency needs a whole number from 1 to 32.");
                    }

                    concurrency = n;
                    break;
                case "--delay-ms":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > 60000)
                    {
                        return (null, "--delay-ms needs a whole number from 0 to 60000.");
                    }

                    delay = ms;
                    break;
                default:
                    return (null, $"Unknown argument: {name}");
            }
        }

        return source.Problem() is { } problem ? (null, problem) : (new ImportCommandLine(source, dryRun, restart, concurrency, delay), null);
    }

    private static DateTimeOffset? Date(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), VietnamOffset)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : null;
}
