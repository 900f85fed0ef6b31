using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Npgsql;

// The floor deploy/bench/reads.sh measures the service against: its three delivery reads from the same tables, one
// auto-prepared statement each, the JSON written straight from the data reader to the response. The connection and
// JSON settings are the service's (Max Auto Prepare, No Reset On Close; Vietnamese letters unescaped), so the
// answers are the service's answers and the difference is what the service does on top.
var builder = WebApplication.CreateSlimBuilder(args);
var connection = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("KhoaGiao")
    ?? throw new InvalidOperationException("Set ConnectionStrings__KhoaGiao."))
{ MaxAutoPrepare = 20, NoResetOnClose = true };
builder.Services.AddSingleton(NpgsqlDataSource.Create(connection));
var app = builder.Build();
var json = new JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), SkipValidation = true };

const string Columns = """
    a.id, a.slug, a.title, a.summary, a.cover_image_url, c.slug, c.name, tg.slugs, tg.names, a.published_at, a.source_name,
    a.source_url, a.source_external_id, a.featured, a.featured_until, a.featured_order, coalesce(v.views, 0), a.updated_at
    """;
const string From = """
    FROM articles a LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN article_view_totals v ON v.article_id = a.id
    LEFT JOIN LATERAL (SELECT array_agg(t.slug ORDER BY t.id) AS slugs, array_agg(t.name ORDER BY t.id) AS names
        FROM article_tags x JOIN tags t ON t.id = x.tags_id WHERE x.articles_id = a.id) tg ON true
    """;
const string Visible = "a.status = 'Published' AND a.published_at <= now()";
const string ArticleSql = $"""
    SELECT {Columns}, a.body, e.id, e.slug, e.title, e.kind, e.starts_at
    {From} LEFT JOIN events e ON e.id = a.event_id AND e.status = 'Published'
    WHERE a.slug = $1 AND {Visible}
    """;
const string ListSql = $"SELECT {Columns} {From} WHERE {Visible} ORDER BY a.published_at DESC, a.id DESC LIMIT $1";
const string ListByCategorySql = $"SELECT {Columns} {From} WHERE {Visible} AND c.slug = $2 ORDER BY a.published_at DESC, a.id DESC LIMIT $1";

app.MapGet("/health/ready", async (NpgsqlDataSource db, CancellationToken ct) =>
{
    await using var command = db.CreateCommand("SELECT 1");
    await command.ExecuteScalarAsync(ct);
    return Results.Text("Healthy");
});

app.MapGet("/api/v1/articles/{slug}", async (string slug, NpgsqlDataSource db, HttpResponse response, CancellationToken ct) =>
{
    await using var command = db.CreateCommand(ArticleSql);
    command.Parameters.Add(new NpgsqlParameter { Value = slug.ToLowerInvariant() });
    await using var reader = await command.ExecuteReaderAsync(ct);
    if (!await reader.ReadAsync(ct))
    {
        response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    response.ContentType = "application/json; charset=utf-8";
    await using var writer = new Utf8JsonWriter(response.BodyWriter, json);
    WriteArticle(writer, reader, full: true);
    await writer.FlushAsync(ct);
});

app.MapGet("/api/v1/articles", async (int? limit, string? category, NpgsqlDataSource db, HttpResponse response, CancellationToken ct) =>
{
    var take = limit ?? 20;
    if (take is < 1 or > 100)
    {
        response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    await using var command = db.CreateCommand(category is null ? ListSql : ListByCategorySql);
    command.Parameters.Add(new NpgsqlParameter { Value = take + 1 });
    if (category is not null)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = category });
    }

    await using var reader = await command.ExecuteReaderAsync(ct);
    response.ContentType = "application/json; charset=utf-8";
    await using var writer = new Utf8JsonWriter(response.BodyWriter, json);
    writer.WriteStartObject();
    writer.WriteStartArray("items");
    var (count, lastAt, lastId) = (0, DateTimeOffset.MinValue, Guid.Empty);
    string? cursor = null;
    while (await reader.ReadAsync(ct))
    {
        if (count++ == take)
        {
            // The service's cursor: the last item's UTC ticks and id, big-endian, base64url.
            var bytes = new byte[24];
            BinaryPrimitives.WriteInt64BigEndian(bytes, lastAt.UtcTicks);
            lastId.TryWriteBytes(bytes.AsSpan(8), bigEndian: true, out _);
            cursor = Base64Url.EncodeToString(bytes);
            break;
        }

        WriteArticle(writer, reader, full: false);
        (lastAt, lastId) = (reader.GetFieldValue<DateTimeOffset>(9), reader.GetGuid(0));
    }

    writer.WriteEndArray();
    writer.WriteString("nextCursor", cursor);
    writer.WriteEndObject();
    await writer.FlushAsync(ct);
});

app.Run();

// The service's ArticleResponse (full) or ArticleListItemResponse, fields in its order; no portal address configured.
static void WriteArticle(Utf8JsonWriter w, NpgsqlDataReader r, bool full)
{
    w.WriteStartObject();
    w.WriteString("id", r.GetGuid(0));
    Text(w, "slug", r, 1);
    Text(w, "title", r, 2);
    w.WriteNull("url");
    Text(w, "summary", r, 3);
    if (full)
    {
        Text(w, "body", r, 18);
    }

    Text(w, "coverImageUrl", r, 4);
    if (NotNull(w, "category", r, 5))
    {
        w.WriteStartObject("category");
        Text(w, "slug", r, 5);
        Text(w, "name", r, 6);
        w.WriteEndObject();
    }

    w.WriteStartArray("tags");
    var (slugs, names) = r.IsDBNull(7) ? ([], []) : (r.GetFieldValue<string[]>(7), r.GetFieldValue<string[]>(8));
    for (var i = 0; i < slugs.Length; i++)
    {
        w.WriteStartObject();
        w.WriteString("slug", slugs[i]);
        w.WriteString("name", names[i]);
        w.WriteEndObject();
    }

    w.WriteEndArray();
    Time(w, "publishedAt", r, 9);
    w.WriteStartObject("source");
    Text(w, "name", r, 10);
    Text(w, "url", r, 11);
    Text(w, "externalId", r, 12);
    w.WriteEndObject();
    if (full && NotNull(w, "event", r, 19))
    {
        w.WriteStartObject("event");
        w.WriteString("id", r.GetGuid(19));
        Text(w, "slug", r, 20);
        Text(w, "title", r, 21);
        var kind = r.GetString(22);
        w.WriteString("kind", string.Concat(kind[..1].ToLowerInvariant(), kind[1..]));
        Time(w, "startsAt", r, 23);
        w.WriteEndObject();
    }

    w.WriteBoolean("featured", r.GetBoolean(13));
    Time(w, "featuredUntil", r, 14);
    if (NotNull(w, "featuredOrder", r, 15))
    {
        w.WriteNumber("featuredOrder", r.GetInt32(15));
    }

    w.WriteNumber("viewCount", r.GetInt64(16));
    Time(w, "updatedAt", r, 17);
    w.WriteEndObject();
}

// Writes null for a null column and answers false; answers true, writing nothing, when it holds a value.
static bool NotNull(Utf8JsonWriter w, string name, NpgsqlDataReader r, int i)
{
    if (r.IsDBNull(i))
    {
        w.WriteNull(name);
        return false;
    }

    return true;
}

static void Text(Utf8JsonWriter w, string name, NpgsqlDataReader r, int i)
{
    if (NotNull(w, name, r, i))
    {
        w.WriteString(name, r.GetString(i));
    }
}

static void Time(Utf8JsonWriter w, string name, NpgsqlDataReader r, int i)
{
    if (NotNull(w, name, r, i))
    {
        w.WriteString(name, r.GetFieldValue<DateTimeOffset>(i));
    }
}
