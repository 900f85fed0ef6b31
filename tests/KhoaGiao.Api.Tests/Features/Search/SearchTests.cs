using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Search;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Search;

public sealed class SearchTests : ApiTest
{
    private static readonly string[] Corpus =
    [
        "Tọa đàm nâng cao chất lượng công tác khoa giáo",
        "Bồi dưỡng kỹ năng số cho cán bộ",
        "Hội nghị hòa giải ở cơ sở huyện Lý Nhân",
        "Quản lý, chăm sóc sức khỏe nhân dân",
        "Thủy lợi mùa khô",
        "Đổi mới giáo dục đại học",
        "Chuyển đổi số trong khoa học",
    ];

    [TestCase("toa dam", "Tọa đàm nâng cao chất lượng công tác khoa giáo")]
    [TestCase("Toạ đàm", "Tọa đàm nâng cao chất lượng công tác khoa giáo")]
    [TestCase("TỌA ĐÀM", "Tọa đàm nâng cao chất lượng công tác khoa giáo")]
    [TestCase("NFD:tọa đàm", "Tọa đàm nâng cao chất lượng công tác khoa giáo")]
    [TestCase("khoa gi", "Tọa đàm nâng cao chất lượng công tác khoa giáo")]
    [TestCase("kĩ năng", "Bồi dưỡng kỹ năng số cho cán bộ")]
    [TestCase("ky nang", "Bồi dưỡng kỹ năng số cho cán bộ")]
    [TestCase("Lý Nhân", "Hội nghị hòa giải ở cơ sở huyện Lý Nhân")]
    [TestCase("li nhan", "Hội nghị hòa giải ở cơ sở huyện Lý Nhân")]
    [TestCase("hoà giải", "Hội nghị hòa giải ở cơ sở huyện Lý Nhân")]
    [TestCase("thuỷ lợi", "Thủy lợi mùa khô")]
    [TestCase("thui loi", "Thủy lợi mùa khô")]
    [TestCase("doi moi giao duc", "Đổi mới giáo dục đại học")]
    [TestCase("Đổi mới", "Đổi mới giáo dục đại học")]
    [TestCase("chuyen do", "Chuyển đổi số trong khoa học")]
    [TestCase("số chuyển đổi", "Chuyển đổi số trong khoa học")]
    public async Task A_query_finds_its_article_first_whatever_the_marks_case_tone_placement_i_y_d_and_form(string q, string title)
    {
        await PublishCorpusAsync();
        var query = q.StartsWith("NFD:", StringComparison.Ordinal) ? q[4..].Normalize(NormalizationForm.FormD) : q;

        foreach (var url in new[] { "/api/v1/search?types=article&q=", "/api/v1/articles?q=" })
        {
            var titles = Titles(await GetAsync(url + Uri.EscapeDataString(query)));
            Assert.That(titles, Is.Not.Empty, url);
            Assert.That(titles[0], Is.EqualTo(title), url);
        }
    }

    [TestCase("hòa giải", "Hội nghị hòa giải ở cơ sở huyện Lý Nhân")]
    [TestCase("hoa", "Hội nghị hòa giải ở cơ sở huyện Lý Nhân")]
    [TestCase("giao duc", "Đổi mới giáo dục đại học")]
    public async Task Words_are_matched_whole_never_inside_another_word(string q, string only)
    {
        await PublishCorpusAsync();

        // "hoa" is inside "khoa", "giao" inside "giáo dục" only as a word of its own.
        Assert.That(Titles(await GetAsync("/api/v1/articles?q=" + Uri.EscapeDataString(q))), Is.EqualTo(new[] { only }));
    }

    [Test]
    public async Task The_words_as_a_phrase_rank_above_the_same_words_apart()
    {
        await PublishCorpusAsync();

        var titles = Titles(await GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("Lý Nhân")));

        Assert.That(titles, Is.EqualTo(new[] { "Hội nghị hòa giải ở cơ sở huyện Lý Nhân", "Quản lý, chăm sóc sức khỏe nhân dân" }));
    }

    [Test]
    public async Task Title_phrase_ranks_above_title_words_then_summary_then_body_whatever_the_dates()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await PublishAsync(admin, "Chuyển đổi số ở cơ sở", "Tóm tắt.", "<p>Nội dung.</p>", now.AddDays(-4));
        await PublishAsync(admin, "Số hóa và chuyển đổi mô hình", "Tóm tắt.", "<p>Nội dung.</p>", now.AddDays(-3));
        await PublishAsync(admin, "Hội nghị tổng kết", "Bàn về chuyển đổi số.", "<p>Nội dung.</p>", now.AddDays(-2));
        await PublishAsync(admin, "Tin hoạt động", "Tóm tắt.", "<p>Tỉnh đẩy mạnh chuyển đổi số.</p>", now.AddDays(-1));
        await PublishAsync(admin, "Tin thể thao", "Tóm tắt.", "<p>Không liên quan.</p>", now);

        var expected = new[] { "Chuyển đổi số ở cơ sở", "Số hóa và chuyển đổi mô hình", "Hội nghị tổng kết", "Tin hoạt động" };
        Assert.That(Titles(await GetAsync("/api/v1/search?q=chuyen+doi+so")), Is.EqualTo(expected));
        Assert.That(Titles(await GetAsync("/api/v1/articles?q=chuyen+doi+so")), Is.EqualTo(expected));
        Assert.That(Titles(await GetAsync("/api/v1/articles?sort=newest&q=chuyen+doi+so")), Is.EqualTo(expected.Reverse()));
    }

    [Test]
    public async Task A_query_typed_with_marks_ranks_the_words_with_those_marks_first_and_newest_breaks_ties()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await PublishAsync(admin, "Hội thi hòa giải viên giỏi", "Tóm tắt.", "<p>Nội dung.</p>", now.AddDays(-3));
        await PublishAsync(admin, "Lễ hội hoa ban", "Tóm tắt.", "<p>Nội dung.</p>", now.AddDays(-2));
        await PublishAsync(admin, "Hội chợ hoa xuân", "Tóm tắt.", "<p>Nội dung.</p>", now.AddDays(-1));

        Assert.That(Titles(await GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("hòa"))),
            Is.EqualTo(new[] { "Hội thi hòa giải viên giỏi", "Hội chợ hoa xuân", "Lễ hội hoa ban" }));
        Assert.That(Titles(await GetAsync("/api/v1/search?q=hoa")),
            Is.EqualTo(new[] { "Hội chợ hoa xuân", "Lễ hội hoa ban", "Hội thi hòa giải viên giỏi" }));
    }

    [Test]
    public async Task A_word_only_in_the_body_is_found_with_a_snippet_that_marks_it_as_written_and_escapes_the_text()
    {
        using var admin = Admin();
        await PublishAsync(admin, "Tin hoạt động tháng Tám", "Ban Tuyên giáo tổng kết tháng.",
            "<p>Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức <strong>Tọa đàm</strong> về công tác khoa giáo &amp; truyền thông.</p>",
            Factory.Clock.GetUtcNow().AddDays(-1));

        var items = (await GetAsync("/api/v1/search?q=toa+dam"))["items"]!.AsArray();

        Assert.That(items, Has.Count.EqualTo(1));
        var snippet = items[0]!["snippet"]!.GetValue<string>();
        Assert.That(snippet, Does.Contain("<mark>Tọa</mark> <mark>đàm</mark>"));
        Assert.That(snippet, Does.Contain("khoa giáo &amp; truyền thông"));
        Assert.That(snippet, Does.Not.Contain("<strong>"));
        Assert.That(items[0]!["href"]!.GetValue<string>(), Does.StartWith("/api/v1/articles/tin-hoat-dong-thang-tam"));
    }

    [Test]
    public async Task The_snippet_comes_from_the_summary_when_the_words_are_there_and_cuts_long_text()
    {
        using var admin = Admin();
        var words = string.Join(' ', Enumerable.Repeat("nội dung", 40));
        await PublishAsync(admin, "Tin hoạt động", $"{words} hội thảo kỹ năng số {words}", $"<p>Kỹ năng số ở thân bài.</p>",
            Factory.Clock.GetUtcNow().AddDays(-1));

        var snippet = (await GetAsync("/api/v1/search?q=ki+nang"))["items"]![0]!["snippet"]!.GetValue<string>();

        Assert.That(snippet, Does.StartWith("…").And.EndWith("…"));
        Assert.That(snippet, Does.Contain("hội thảo <mark>kỹ</mark> <mark>năng</mark> số"));
        Assert.That(snippet.Split(' '), Has.Length.LessThanOrEqualTo(SearchSnippet.Words));
    }

    [TestCase("thuy le van", "Lê Văn Thủy")]
    [TestCase("nguyen ky", "Nguyễn Thị Kỹ")]
    [TestCase("Kỹ Nguyễn", "Nguyễn Thị Kỹ")]
    [TestCase("le v", "Lê Văn Thủy")]
    public async Task People_are_found_with_the_words_of_their_name_in_any_order(string q, string name)
    {
        using var admin = Admin();
        await EventBuilder.CreatePublicPersonAsync(admin, "Lê Văn Thủy");
        await EventBuilder.CreatePublicPersonAsync(admin, "Nguyễn Thị Kỹ");
        await EventBuilder.CreatePublicPersonAsync(admin, "Trần Thị Lê");

        var people = (await GetAsync("/api/v1/people?q=" + Uri.EscapeDataString(q)))["items"]!.AsArray()
            .Select(i => i!["fullName"]!.GetValue<string>());
        Assert.That(people, Is.EqualTo(new[] { name }));

        var found = (await GetAsync("/api/v1/search?types=person&q=" + Uri.EscapeDataString(q)))["items"]!.AsArray();
        Assert.That(found.Select(i => i!["title"]!.GetValue<string>()), Is.EqualTo(new[] { name }));
        Assert.That(found[0]!["type"]!.GetValue<string>(), Is.EqualTo("person"));
    }

    [Test]
    public async Task People_found_alike_keep_the_order_of_their_names()
    {
        using var admin = Admin();
        foreach (var name in new[] { "Nguyễn Văn Bình", "Nguyễn Văn An", "Nguyễn Văn Cường" })
        {
            await EventBuilder.CreatePublicPersonAsync(admin, name);
        }

        var found = (await GetAsync("/api/v1/search?types=person&q=nguyen+van"))["items"]!.AsArray();

        Assert.That(found.Select(i => i!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Nguyễn Văn An", "Nguyễn Văn Bình", "Nguyễn Văn Cường" }));
    }

    [Test]
    public async Task One_list_holds_articles_events_and_people_and_types_narrows_it()
    {
        using var admin = Admin();
        await PublishAsync(admin, "Tin về Đinh Thị Lụa", "Tóm tắt.", "<p>Nội dung.</p>", Factory.Clock.GetUtcNow().AddDays(-1));
        await EventBuilder.CreatePublishedEventAsync(admin, "Gặp mặt Đinh Thị Lụa");
        await EventBuilder.CreatePublicPersonAsync(admin, "Đinh Thị Lụa");
        await EventBuilder.CreatePersonAsync(admin, "Đinh Thị Lụa Khác");

        var all = (await GetAsync("/api/v1/search?q=dinh+thi+lua"))["items"]!.AsArray();
        // The person's public event is "Tọa đàm có Đinh Thị Lụa"; the namesake at no published event is not delivered.
        Assert.That(all.Select(i => i!["type"]!.GetValue<string>()), Is.EquivalentTo(new[] { "person", "article", "event", "event" }));
        Assert.That(all[0]!["type"]!.GetValue<string>(), Is.EqualTo("person"));

        var events = (await GetAsync("/api/v1/search?q=dinh+thi+lua&types=event"))["items"]!.AsArray();
        Assert.That(events.Select(i => i!["title"]!.GetValue<string>()), Is.EquivalentTo(new[] { "Gặp mặt Đinh Thị Lụa", "Tọa đàm có Đinh Thị Lụa" }));
        Assert.That(events[0]!["href"]!.GetValue<string>(), Does.StartWith("/api/v1/events/"));
    }

    [Test]
    public async Task Drafts_are_not_found()
    {
        using var admin = Admin();
        await ArticleBuilder.CreateAsync(admin, new { title = "Tọa đàm bản nháp", summary = "Tóm tắt.", body = "<p>Nội dung.</p>" });

        Assert.That(Titles(await GetAsync("/api/v1/search?q=toa+dam")), Is.Empty);
        Assert.That(Titles(await GetAsync("/api/v1/articles?q=toa+dam")), Is.Empty);
    }

    [Test]
    public async Task Pages_of_a_ranked_list_follow_one_another_without_repeats()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        for (var i = 0; i < 7; i++)
        {
            await PublishAsync(admin, i % 2 == 0 ? $"Tọa đàm số {i}" : $"Tin số {i}", "Tóm tắt.", "<p>Một buổi tọa đàm.</p>", now.AddHours(-i));
        }

        using var anonymous = Anonymous();
        var seen = await WalkAsync(anonymous, "/api/v1/search?types=article&limit=3&q=toa+dam");

        Assert.That(seen, Is.EqualTo(new[] { "Tọa đàm số 0", "Tọa đàm số 2", "Tọa đàm số 4", "Tọa đàm số 6", "Tin số 1", "Tin số 3", "Tin số 5" }));
    }

    [Test]
    public async Task A_query_with_no_match_suggests_the_articles_of_the_closest_common_words()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            await PublishAsync(admin, $"Tọa đàm khoa giáo kỳ {i}", "Tóm tắt.", "<p>Nội dung.</p>", now.AddHours(-i));
        }

        await QueryAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE articles"));

        var response = await GetAsync("/api/v1/search?q=toa+dammm+khoa");
        Assert.That(response["items"]!.AsArray(), Is.Empty);
        Assert.That(response["correctedQuery"]!.GetValue<string>(), Is.EqualTo("toa dam khoa"));
        var suggestions = response["suggestions"]!.AsArray();
        Assert.That(suggestions, Has.Count.EqualTo(SearchAll.MaxSuggestions));
        Assert.That(suggestions[0]!["title"]!.GetValue<string>(), Is.EqualTo("Tọa đàm khoa giáo kỳ 0"));
        Assert.That(suggestions[0]!["snippet"]!.GetValue<string>(), Is.EqualTo("Tóm tắt."));

        var found = await GetAsync("/api/v1/search?q=toa+dam");
        Assert.That(found["suggestions"]!.AsArray(), Is.Empty);
        Assert.That(found["correctedQuery"], Is.Null);
    }

    [Test]
    public async Task Ranking_among_the_newest_articles_gives_the_order_ranking_all_matches_gives()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        for (var i = 0; i < 12; i++)
        {
            var title = (i % 3) switch { 0 => $"Tọa đàm số {i}", 1 => $"Tin tọa đàm {i} khoa giáo", _ => $"Tin số {i}" };
            await PublishAsync(admin, title, i % 2 == 0 ? "Tọa đàm về khoa giáo." : "Tóm tắt.", "<p>Một buổi tọa đàm.</p>", now.AddHours(-i));
        }

        await QueryAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE articles"));
        // Every query is "common" to this host, so it ranks the newest articles instead of every match.
        await using var windowed = Factory.WithWebHostBuilder(builder => builder.UseSetting("Search:RareMatches", "0"));
        using var windowedClient = windowed.CreateClient();
        using var anonymous = Anonymous();

        foreach (var q in new[] { "toa dam", "toa dam khoa giao", "khoa" })
        {
            var all = await WalkAsync(anonymous, "/api/v1/articles?limit=3&q=" + Uri.EscapeDataString(q));
            var newest = await WalkAsync(windowedClient, "/api/v1/articles?limit=3&q=" + Uri.EscapeDataString(q));
            Assert.That(all, Has.Count.GreaterThan(3), q);
            Assert.That(newest, Is.EqualTo(all), q);
        }
    }

    [Test]
    public async Task A_last_word_found_whole_ranks_above_the_longer_words_it_starts_whichever_plan_ranks()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            await PublishAsync(admin, $"Hội nghị {i}", "Tóm tắt.", "<p>Đồng chí Hoàng Kim Huy phát biểu tại huyện.</p>", now.AddDays(-5 + i));
        }

        for (var i = 0; i < 10; i++)
        {
            await PublishAsync(admin, $"Tin huyện {i}", "Tóm tắt.", "<p>Ông Hoàng Kim về huyện Lý Nhân.</p>", now.AddHours(-i));
        }

        // Articles without the words, so that each is in under a tenth of them and the index is asked for it.
        for (var i = 0; i < 140; i++)
        {
            await PublishAsync(admin, $"Tin số {i}", "Tóm tắt.", "<p>Nội dung.</p>", now.AddDays(-10 - i));
        }

        await QueryAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE articles"));
        // At most three matches are "few" to this host: "hoàng kim huy" as a prefix matches 13 articles, with "huy" whole 3,
        // so it ranks those 3 through the index and the newest articles for "huyện".
        await using var few = Factory.WithWebHostBuilder(builder => builder.UseSetting("Search:RareMatches", "3"));
        using var fewClient = few.CreateClient();
        using var anonymous = Anonymous();
        var expected = new[] { "Hội nghị 2", "Hội nghị 1", "Hội nghị 0" }.Concat(Enumerable.Range(0, 10).Select(i => $"Tin huyện {i}")).ToList();
        foreach (var url in new[] { "/api/v1/articles?limit=4&q=", "/api/v1/search?types=article&limit=4&q=" })
        {
            Assert.That(await WalkAsync(anonymous, url + Uri.EscapeDataString("Hoàng Kim Huy")), Is.EqualTo(expected), url);
            Assert.That(await WalkAsync(fewClient, url + Uri.EscapeDataString("Hoàng Kim Huy")), Is.EqualTo(expected), "few: " + url);
        }

        var first = await ReadJsonAsync(await fewClient.GetAsync("/api/v1/articles?limit=4&q=" + Uri.EscapeDataString("hoang kim huy")));
        var cursor = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(first["nextCursor"]!.GetValue<string>()));
        Assert.That(cursor, Is.EqualTo("r4u"), "the host ranked the whole-word matches and the newest articles");
    }

    [Test]
    public async Task A_cursor_naming_a_plan_the_query_cannot_have_gets_the_page_the_query_has()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await PublishAsync(admin, $"Tọa đàm số {i}", "Tóm tắt.", "<p>Nội dung.</p>", now.AddHours(-i));
        }

        await QueryAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE articles"));
        // Every query is common to this host and none is ranked over every match.
        await using var common = Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Search:RareMatches", "0").UseSetting("Search:FullRankMaxMatches", "0"));
        using var client = common.CreateClient();
        var pages = new List<List<string>>();
        foreach (var plan in new[] { "w", "a", "u" })
        {
            var cursor = Base64Url.EncodeToString(Encoding.ASCII.GetBytes("r2" + plan));
            var response = await client.GetAsync("/api/v1/articles?limit=2&q=toa&cursor=" + cursor);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), plan);
            pages.Add(Titles(await ReadJsonAsync(response)));
        }

        Assert.That(pages[0], Is.EqualTo(new[] { "Tọa đàm số 2", "Tọa đàm số 3" }));
        Assert.That(pages[1], Is.EqualTo(pages[0]), "a cursor saying every match");
        Assert.That(pages[2], Is.EqualTo(pages[0]), "a cursor saying whole words, for one word");
    }

    [TestCase("toa dam lua")]
    [TestCase("lúa toa d")]
    [TestCase("toa lua")]
    public async Task Words_in_most_articles_are_checked_on_the_rows_the_rarer_words_find(string q)
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        for (var i = 0; i < 12; i++)
        {
            await PublishAsync(admin, $"Tin số {i}", "Tóm tắt.", "<p>Buổi tọa đàm của tỉnh.</p>", now.AddHours(-i));
        }

        await PublishAsync(admin, "Mùa lúa mới", "Tóm tắt.", "<p>Buổi tọa đàm về lúa.</p>", now.AddDays(-3));
        await PublishAsync(admin, "Giống lúa", "Tóm tắt.", "<p>Không có từ kia.</p>", now.AddDays(-4));
        await QueryAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE articles"));

        // "toa" and "dam" are in 13 of 14 articles: the GIN index is asked for "lua" alone, and the rest checked on its rows.
        await using var windowed = Factory.WithWebHostBuilder(builder => builder.UseSetting("Search:RareMatches", "0"));
        using var windowedClient = windowed.CreateClient();
        foreach (var url in new[] { "/api/v1/search?q=", "/api/v1/articles?q=", "/api/v1/articles?sort=newest&q=" })
        {
            Assert.That(Titles(await GetAsync(url + Uri.EscapeDataString(q))), Is.EqualTo(new[] { "Mùa lúa mới" }), url);
            Assert.That(Titles(await ReadJsonAsync(await windowedClient.GetAsync(url + Uri.EscapeDataString(q)))),
                Is.EqualTo(new[] { "Mùa lúa mới" }), "newest articles first: " + url);
        }
    }

    [TestCase("/api/v1/search", "q")]
    [TestCase("/api/v1/search?q=%20%2C%20", "q")]
    [TestCase("/api/v1/search?q=toa&types=article,bai", "types")]
    [TestCase("/api/v1/search?q=toa&limit=51", "limit")]
    [TestCase("/api/v1/search?q=toa&cursor=abc", "cursor")]
    [TestCase("/api/v1/articles?q=toa&sort=oldest", "sort")]
    [TestCase("/api/v1/articles?q=toa&cursor=cjBh", "cursor")]
    public async Task Bad_search_input_gets_a_validation_problem_and_changes_nothing(string url, string field)
    {
        using var admin = Admin();
        await PublishAsync(admin, "Tọa đàm", "Tóm tắt.", "<p>Nội dung.</p>", Factory.Clock.GetUtcNow().AddDays(-1));
        var before = await QueryAsync(db => db.Articles.CountAsync());

        using var anonymous = Anonymous();
        await AssertValidationProblemAsync(await anonymous.GetAsync(url), field);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(before));
    }

    [Test]
    public async Task PostgreSQL_indexes_the_words_the_service_reads_from_a_query_and_keys_marks_alike()
    {
        const string text = "Tọa đàm “Chuyển đổi số 4.0” — hoà giải, THUỶ lợi; kĩ năng (www.hanam.gov.vn) covid-19 +84 a~b 3.5e2 Đinh Thị Lụa";
        var nfd = text.Normalize(NormalizationForm.FormD);
        var lexemes = await QueryAsync(db => db.Database.SqlQuery<string>(
            $"SELECT unnest(tsvector_to_array(khoagiao_text_vector({nfd}, 'A'))) AS \"Value\"").ToListAsync());
        // Bodies are stored in NFC, as every text the API takes.
        var bodyLexemes = await QueryAsync(db => db.Database.SqlQuery<string>(
            $"SELECT unnest(tsvector_to_array(khoagiao_body_vector({"<p class=\"lead\">" + text + "</p>"}))) AS \"Value\"").ToListAsync());
        var words = SearchText.Words(text).Select(w => SearchQuery.Fold(text.Substring(w.Start, w.Length))).ToHashSet();

        Assert.That(lexemes, Is.EquivalentTo(words));
        Assert.That(bodyLexemes, Is.EquivalentTo(words));

        string[] marked = ["hoà", "hòa", "THUỶ", "thủy", "Khoẻ", "khỏe", "quý", "qúy", "kĩ", "kỹ", "Đổi", "Tọa".Normalize(NormalizationForm.FormD)];
        var exact = await QueryAsync(db => db.Database
            .SqlQuery<string>($"SELECT khoagiao_exact(t) AS \"Value\" FROM unnest({marked}) WITH ORDINALITY AS x(t, n) ORDER BY n")
            .ToListAsync());
        Assert.That(exact, Is.EqualTo(marked.Select(SearchText.Exact).ToList()));
        Assert.That(SearchText.Exact("hoà"), Is.EqualTo(SearchText.Exact("hòa")));
        Assert.That(SearchText.Exact("thuỷ"), Is.EqualTo(SearchText.Exact("thủy")));
        Assert.That(SearchText.Exact("kĩ"), Is.Not.EqualTo(SearchText.Exact("kỹ")));
    }

    [Test]
    public async Task The_service_writes_the_search_columns_PostgreSQL_computes_from_the_text_and_other_writers_get_them_from_the_trigger()
    {
        var seed = await File.ReadAllLinesAsync(Path.Combine(TestDatabase.RepositoryRoot(), "src", "KhoaGiao.Api", "Data", "Demo", "seed-article.txt"));
        var paragraphs = seed.Where(l => l.Trim().Length > 40).Take(12).Select(l => "<p>" + WebUtility.HtmlEncode(l.Trim()) + "</p>");
        const string tricky = "<p><strong>Hà</strong>Nam &amp; “Chuyển đổi số 4.0” — hoà giải,&nbsp;THUỶ lợi; kĩ năng (www.hanam.gov.vn) "
            + "covid-19 +84 a~b 3.5e2 don't <a href=\"https://baohanam.com.vn/x\">Báo Hà Nam</a></p>"
            + "<figure><img src=\"/media/a.jpg\" alt=\"Ảnh đại biểu\"><figcaption>Các đại biểu dự tọa đàm.</figcaption></figure>";
        var written = new[]
        {
            new { title = "Tọa đàm “Chuyển đổi số” – hoà giải ở Lý Nhân", summary = (string?)"Tóm tắt: kỹ năng số, THUỶ lợi.", body = string.Concat(paragraphs) + tricky },
            new { title = "Tin không có tóm tắt tọa đàm tọa đàm", summary = (string?)null, body = "<p>Tọa đàm " + new string('a', 2100) + " khoa giáo.</p>" },
            new { title = "Hội nghị", summary = (string?)"", body = "<p>— … —</p>" },
            // More of one word than a tsvector keeps positions for: 100 in the title and 600 in the summary.
            new { title = string.Join(' ', Enumerable.Repeat("hà", 100)), summary = (string?)string.Join(' ', Enumerable.Repeat("Hà", 600)), body = "<p>Hà Nam.</p>" },
            // A Nôm character outside the Basic Multilingual Plane is a letter; it sorts after the ligature U+FB00 in
            // PostgreSQL's byte order, before it in UTF-16's.
            new { title = "Chữ Nôm 𡨸 và ﬀ", summary = (string?)"Tóm tắt 𡨸.", body = "<p>Chữ 𡨸 và ﬀ.</p>" },
        };
        var source = $"/api/v1/admin/articles/by-source/{Uri.EscapeDataString("Báo Hà Nam")}/bhn-1";
        using var admin = Admin();
        var ids = new List<Guid>();

        // The trigger off: what the columns hold, the service wrote.
        await QueryAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE articles DISABLE TRIGGER articles_search"));
        try
        {
            foreach (var article in written)
            {
                ids.Add(Guid.Parse((await ArticleBuilder.CreateAsync(admin, article))["id"]!.GetValue<string>()));
            }

            var created = await admin.PutAsJsonAsync(source, new { title = "Tin Báo Hà Nam", summary = "Bản đầu.", body = "<p>Nội dung đầu.</p>" });
            Assert.That((int)created.StatusCode, Is.EqualTo(201));
            var edited = await admin.PutAsJsonAsync(source,
                new { title = "Tin Báo Hà Nam đã sửa", summary = "Bản sửa về thủy lợi.", body = "<p>Nội dung đã sửa: chuyển đổi số.</p>" });
            Assert.That((int)edited.StatusCode, Is.EqualTo(200));
        }
        finally
        {
            await QueryAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE articles ENABLE TRIGGER articles_search"));
        }

        const string differing = """
            SELECT slug AS "Value" FROM articles
            WHERE search_head IS DISTINCT FROM khoagiao_text_vector(title, 'A') || khoagiao_text_vector(coalesce(summary, ''), 'B')
               OR search_vector IS DISTINCT FROM khoagiao_text_vector(title, 'A') || khoagiao_text_vector(coalesce(summary, ''), 'B')
                                                 || khoagiao_body_vector(body)
               OR search_exact IS DISTINCT FROM khoagiao_exact_vector(title || ' ' || coalesce(summary, ''))
            """;
        Assert.That(await QueryAsync(db => db.Database.SqlQueryRaw<string>(differing).ToListAsync()), Is.Empty);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(6));

        // A writer other than the service (psql, a bulk load) gets the columns from the trigger.
        await QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE articles SET title = 'Sông Châu mùa lũ' WHERE id = {ids[2]}"));
        Assert.That(await QueryAsync(db => db.Database.SqlQueryRaw<string>(differing).ToListAsync()), Is.Empty);
        var found = await QueryAsync(db => db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM articles WHERE search_head @@ 'song & chau'::tsquery").ToListAsync());
        Assert.That(found, Is.EqualTo(new[] { ids[2] }));
    }

    private async Task PublishCorpusAsync()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        for (var i = 0; i < Corpus.Length; i++)
        {
            await PublishAsync(admin, Corpus[i], "Tóm tắt.", "<p>Nội dung.</p>", now.AddHours(-1 - i));
        }
    }

    private static async Task PublishAsync(HttpClient admin, string title, string summary, string body, DateTimeOffset publishedAt)
    {
        var created = await ArticleBuilder.CreateAsync(admin, new { title, summary, body });
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{created["id"]}/publish", new { publishedAt });
        Assert.That((int)response.StatusCode, Is.EqualTo(200), "publishing an article failed");
    }

    private static async Task<JsonObject> GetAsync(string url)
    {
        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync(url);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), url + ": " + await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    /// <summary>Every title of a list, page after page.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient client, string url)
    {
        var titles = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ReadJsonAsync(await client.GetAsync(url + (cursor is null ? "" : "&cursor=" + cursor)));
            titles.AddRange(Titles(page));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return titles;
    }

    private static List<string> Titles(JsonObject page) =>
        page["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();
}
