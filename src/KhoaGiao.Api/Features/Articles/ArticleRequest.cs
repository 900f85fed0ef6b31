using FluentValidation;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Features.Taxonomy;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// The editable content of an article, sent to create one or to replace one's content. Server-owned fields
/// (id, status, view count, timestamps) are not part of it; status changes through the publish actions.
/// </summary>
public record ArticleRequest
{
    /// <summary>Headline, up to 300 characters.</summary>
    /// <example>Hội nghị triển khai công tác khoa giáo năm 2024</example>
    public string? Title { get; init; }

    /// <summary>
    /// URL slug (lowercase ASCII words joined by hyphens, e.g. <c>hoi-nghi-trien-khai-cong-tac-khoa-giao-nam-2024</c>).
    /// Null or omitted: derived from the title.
    /// </summary>
    /// <example>null</example>
    public string? Slug { get; init; }

    /// <summary>Lead paragraph ("sapo"), plain text up to 2000 characters.</summary>
    /// <example>Chiều 16/8, Ban Tuyên giáo (BTG) Tỉnh ủy tổ chức Tọa đàm…</example>
    public string? Summary { get; init; }

    /// <summary>
    /// HTML body; sanitised on the way in. A photo of the media library is <c>&lt;figure data-media-id="{id}"&gt;&lt;/figure&gt;</c>:
    /// it is stored empty and delivered with a <c>picture</c> of every rendition (<c>srcset</c>, <c>sizes</c>) and the
    /// photo's caption and credit, so those are kept in one place. Other photos as <c>figure</c> + <c>img</c> + <c>figcaption</c>.
    /// </summary>
    /// <example>&lt;figure&gt;&lt;img src="/media/2023/08/dai-bieu.jpg" alt="Các đại biểu dự tọa đàm."&gt;&lt;figcaption&gt;Các đại biểu dự tọa đàm.&lt;/figcaption&gt;&lt;/figure&gt;&lt;p&gt;Theo báo cáo đề dẫn…&lt;/p&gt;</example>
    public string? Body { get; init; }

    /// <summary>
    /// Absolute http(s) URL or site-relative path (starting with <c>/</c>) of a cover photo outside the media library;
    /// not with <c>coverImageId</c>.
    /// </summary>
    /// <example>null</example>
    public string? CoverImageUrl { get; init; }

    /// <summary>The cover photo from the media library (<c>POST /api/v1/admin/media</c>); not with <c>coverImageUrl</c>.</summary>
    /// <example>null</example>
    public Guid? CoverImageId { get; init; }

    /// <summary>Category name; created if new. The object a GET returns is also read (its <c>name</c>).</summary>
    /// <example>Hoạt động khoa giáo</example>
    [System.Text.Json.Serialization.JsonConverter(typeof(NameOrObjectJsonConverters.Single))]
    public string? Category { get; init; }

    /// <summary>Tag names, at most 20; new ones are created. The objects a GET returns are also read (their <c>name</c>).</summary>
    /// <example>["Khoa giáo", "Tọa đàm"]</example>
    [System.Text.Json.Serialization.JsonConverter(typeof(NameOrObjectJsonConverters.List))]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The event the article reports on, if any (the id of one from <c>GET /api/v1/admin/events</c>).</summary>
    /// <example>null</example>
    public Guid? EventId { get; init; }

    /// <summary>Where the article came from, e.g. <c>{ "name": "Báo Hà Nam", "url": "https://…", "externalId": "12345" }</c>.</summary>
    /// <example>null</example>
    public ArticleSourceRequest? Source { get; init; }

    /// <summary>
    /// In the homepage's slider (<c>GET /api/v1/articles?featured=true</c>) while published. Omit it to keep the
    /// article's slider settings as they are (an import that does not know them does not undo an editor's choice);
    /// send it to set all three.
    /// </summary>
    /// <example>true</example>
    public bool? Featured { get; init; }

    /// <summary>With <c>featured</c>: when the article leaves the slider by itself.</summary>
    /// <example>2023-08-23T00:00:00+07:00</example>
    public DateTimeOffset? FeaturedUntil { get; init; }

    /// <summary>With <c>featured</c>: place in the slider, 0–999, smallest first; articles without one follow, newest first.</summary>
    /// <example>1</example>
    public int? FeaturedOrder { get; init; }
}

/// <summary>Source of a syndicated article ("nguồn").</summary>
public sealed record ArticleSourceRequest
{
    /// <example>Báo Hà Nam</example>
    public string? Name { get; init; }

    /// <example>https://baohanam.com.vn/chinh-tri/toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-12345.html</example>
    public string? Url { get; init; }

    /// <summary>The article's id at the source; unique per source name.</summary>
    /// <example>12345</example>
    public string? ExternalId { get; init; }
}

public sealed class ArticleRequestValidator : AbstractValidator<ArticleRequest>
{
    public const int MaxBodyLength = 500_000;
    public const int MaxTags = 20;
    public const int MaxFeaturedOrder = 999;

    /// <summary>How deeply the body's elements may nest: a news story needs a handful of levels, a parser's cost grows with the square.</summary>
    public const int MaxBodyNesting = 256;

    public ArticleRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(ArticleConfiguration.TitleMaxLength)
            .MustHaveLettersOrDigits()
            .When(r => !string.IsNullOrWhiteSpace(r.Title), ApplyConditionTo.CurrentValidator);
        RuleFor(r => r.Slug!).MustBeSlug().When(r => r.Slug is not null);
        RuleFor(r => r.Summary).MaximumLength(ArticleConfiguration.SummaryMaxLength);
        RuleFor(r => r.Body).NotEmpty().MaximumLength(MaxBodyLength);
        RuleFor(r => r.Body!).Must(body => HtmlNesting.IsWithin(body, MaxBodyNesting))
            .When(r => r.Body is { Length: <= MaxBodyLength })
            .WithMessage(_ => Localized.Text(
                $"Nội dung lồng thẻ HTML quá sâu (tối đa {MaxBodyNesting} cấp).",
                $"The body nests HTML elements too deeply (at most {MaxBodyNesting} levels)."));
        RuleFor(r => r.CoverImageUrl!).MaximumLength(ArticleConfiguration.UrlMaxLength)
            .Must(url => IsImageUrl(url)).When(r => r.CoverImageUrl is not null)
            .WithMessage(_ => Localized.Text(
                "Địa chỉ ảnh phải là URL http(s) tuyệt đối hoặc đường dẫn bắt đầu bằng /.",
                "The image address must be an absolute http(s) URL or a path starting with /."));
        RuleFor(r => r.CoverImageUrl).Null().When(r => r.CoverImageId is not null)
            .WithMessage(_ => Localized.Text(
                "Chỉ gửi một trong coverImageUrl và coverImageId.", "Send coverImageUrl or coverImageId, not both."));
        RuleFor(r => r.Category!).MaximumLength(CategoryConfiguration.NameMaxLength)
            .Must(HasSlug).When(r => r.Category is not null)
            .WithMessage(_ => Localized.Text("Tên chuyên mục phải có chữ hoặc số.", "The category name must contain letters or digits."));
        RuleFor(r => r.Tags).MostItems(MaxTags)
            .WithMessage(_ => Localized.Text($"Tối đa {MaxTags} từ khóa.", $"At most {MaxTags} tags."));
        RuleForEach(r => r.Tags).NotEmpty().MaximumLength(TagConfiguration.NameMaxLength)
            .Must(tag => tag is null || HasSlug(tag))
            .WithMessage(_ => Localized.Text("Từ khóa phải có chữ hoặc số.", "A tag must contain letters or digits."));
        RuleFor(r => r.Source!).SetValidator(new ArticleSourceRequestValidator()).When(r => r.Source is not null);
        RuleFor(r => r.FeaturedOrder).InclusiveBetween(0, MaxFeaturedOrder);
        Func<ArticleRequest, string> onlyWhenFeatured = _ => Localized.Text("Chỉ dùng cùng \"featured\": true.", "Only with \"featured\": true.");
        RuleFor(r => r.FeaturedUntil).Null().When(r => r.Featured != true).WithMessage(onlyWhenFeatured);
        RuleFor(r => r.FeaturedOrder).Null().When(r => r.Featured != true).WithMessage(onlyWhenFeatured);
    }

    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsImageUrl(string url) =>
        IsHttpUrl(url) || (url.StartsWith('/') && !url.StartsWith("//") && Uri.IsWellFormedUriString(url, UriKind.Relative));

    private static bool HasSlug(string name) => SlugGenerator.FromTitle(name).Length > 0;
}

public sealed class ArticleSourceRequestValidator : AbstractValidator<ArticleSourceRequest>
{
    public ArticleSourceRequestValidator()
    {
        RuleFor(s => s.Name).NotEmpty().MaximumLength(ArticleConfiguration.SourceNameMaxLength);
        RuleFor(s => s.Url!).MaximumLength(ArticleConfiguration.UrlMaxLength)
            .Must(ArticleRequestValidator.IsHttpUrl).When(s => s.Url is not null)
            .WithMessage(_ => Localized.Text("Địa chỉ nguồn phải là URL http(s) tuyệt đối.", "The source URL must be an absolute http(s) URL."));
        RuleFor(s => s.ExternalId).MaximumLength(ArticleConfiguration.ExternalIdMaxLength);
    }
}
