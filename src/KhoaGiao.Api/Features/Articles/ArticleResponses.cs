namespace KhoaGiao.Api.Features.Articles;

/// <summary>A category as shown on an article.</summary>
public sealed record ArticleCategoryResponse
{
    /// <example>hoat-dong-khoa-giao</example>
    public required string Slug { get; init; }

    /// <example>Hoạt động khoa giáo</example>
    public required string Name { get; init; }
}

/// <summary>A tag as shown on an article.</summary>
public sealed record ArticleTagResponse
{
    /// <example>toa-dam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm</example>
    public required string Name { get; init; }
}

/// <summary>The published event an article reports on.</summary>
public sealed record ArticleEventResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d70</example>
    public Guid Id { get; init; }

    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”</example>
    public required string Title { get; init; }

    /// <example>toaDam</example>
    public Events.EventKind Kind { get; init; }

    /// <example>2023-08-16T07:00:00+00:00</example>
    public DateTimeOffset StartsAt { get; init; }
}

/// <summary>Where the article came from ("nguồn").</summary>
public sealed record ArticleSourceResponse
{
    /// <example>Báo Hà Nam</example>
    public string? Name { get; init; }

    /// <example>https://baohanam.com.vn/chinh-tri/toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-12345.html</example>
    public string? Url { get; init; }

    /// <example>12345</example>
    public string? ExternalId { get; init; }
}

/// <summary>An article in a list: everything but the body.</summary>
public record ArticleListItemResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”</example>
    public required string Title { get; init; }

    /// <summary>The article's page on the portal (<c>Site:PublicBaseUrl</c>), for share buttons; null when not configured.</summary>
    /// <example>https://khoagiao.hanam.gov.vn/bai-viet/toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public string? Url { get; init; }

    /// <summary>The lead paragraph ("sapo").</summary>
    /// <example>Chiều 16/8, Ban Tuyên giáo (BTG) Tỉnh ủy tổ chức Tọa đàm…</example>
    public string? Summary { get; init; }

    /// <summary>
    /// The cover photo's address: for a photo of the library (<see cref="Cover"/>) its JPEG rendition up to 1024 pixels
    /// wide; otherwise as stored, absolute on the media host (<c>Site:MediaBaseUrl</c>) when stored as a site path and a
    /// host is configured.
    /// </summary>
    /// <example>https://khoagiao.hanam.gov.vn/media/0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d90/1024.jpg</example>
    public string? CoverImageUrl { get; init; }

    /// <summary>The cover photo from the media library, with every rendition (<c>sources</c>), caption and credit; null for none or a cover by address.</summary>
    public Media.MediaResponse? Cover { get; init; }

    public ArticleCategoryResponse? Category { get; init; }

    [OpenApi.MostItems(ArticleRequestValidator.MaxTags)]
    public IReadOnlyList<ArticleTagResponse> Tags { get; init; } = [];

    /// <example>2023-08-16T18:00:00+07:00</example>
    public DateTimeOffset PublishedAt { get; init; }

    public required ArticleSourceResponse Source { get; init; }

    /// <summary>In the homepage's slider (see <c>featuredUntil</c>).</summary>
    /// <example>true</example>
    public bool Featured { get; init; }

    /// <summary>When the article leaves the slider by itself, if set.</summary>
    /// <example>2023-08-23T00:00:00+07:00</example>
    public DateTimeOffset? FeaturedUntil { get; init; }

    /// <summary>Place in the slider, smallest first.</summary>
    /// <example>1</example>
    public int? FeaturedOrder { get; init; }

    /// <summary>"Lượt xem".</summary>
    /// <example>407</example>
    public long ViewCount { get; init; }

    /// <summary>When the item last changed; a client that syncs can compare it with its copy.</summary>
    /// <example>2023-08-16T18:05:00+07:00</example>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One published article, with its body.</summary>
public sealed record ArticleResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”</example>
    public required string Title { get; init; }

    /// <summary>The article's page on the portal (<c>Site:PublicBaseUrl</c>), for share buttons; null when not configured.</summary>
    /// <example>https://khoagiao.hanam.gov.vn/bai-viet/toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public string? Url { get; init; }

    /// <summary>The lead paragraph ("sapo").</summary>
    /// <example>Chiều 16/8, Ban Tuyên giáo (BTG) Tỉnh ủy tổ chức Tọa đàm…</example>
    public string? Summary { get; init; }

    /// <summary>
    /// Sanitised HTML; photos are <c>figure</c> elements with a <c>figcaption</c>. A photo of the media library
    /// (<c>figure data-media-id</c>) holds a <c>picture</c> offering every rendition (<c>srcset</c>, <c>sizes</c>) and its
    /// caption and credit; another keeps the <c>width</c> and <c>height</c> it was saved with, and a site path
    /// (<c>/media/…</c>) is served absolute on the media host (<c>Site:MediaBaseUrl</c>) when one is configured.
    /// </summary>
    /// <example>&lt;figure&gt;&lt;img src="https://khoagiao.hanam.gov.vn/media/2023/08/dai-bieu.jpg" alt="Các đại biểu dự tọa đàm." width="800" height="533"&gt;&lt;figcaption&gt;Các đại biểu dự tọa đàm.&lt;/figcaption&gt;&lt;/figure&gt;&lt;p&gt;Theo báo cáo đề dẫn…&lt;/p&gt;</example>
    public required string Body { get; init; }

    /// <summary>
    /// The cover photo's address: for a photo of the library (<see cref="Cover"/>) its JPEG rendition up to 1024 pixels
    /// wide; otherwise as stored, absolute on the media host (<c>Site:MediaBaseUrl</c>) when stored as a site path and a
    /// host is configured.
    /// </summary>
    /// <example>https://khoagiao.hanam.gov.vn/media/0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d90/1024.jpg</example>
    public string? CoverImageUrl { get; init; }

    /// <summary>The cover photo from the media library, with every rendition (<c>sources</c>), caption and credit; null for none or a cover by address.</summary>
    public Media.MediaResponse? Cover { get; init; }

    public ArticleCategoryResponse? Category { get; init; }

    [OpenApi.MostItems(ArticleRequestValidator.MaxTags)]
    public IReadOnlyList<ArticleTagResponse> Tags { get; init; } = [];

    /// <summary>When it was published; in a preview of an unpublished article, when it was last changed.</summary>
    /// <example>2023-08-16T18:00:00+07:00</example>
    public DateTimeOffset PublishedAt { get; init; }

    public required ArticleSourceResponse Source { get; init; }

    /// <summary>The event the article reports on, when that event is published.</summary>
    public ArticleEventResponse? Event { get; init; }

    /// <summary>In the homepage's slider (see <c>featuredUntil</c>).</summary>
    /// <example>true</example>
    public bool Featured { get; init; }

    /// <summary>When the article leaves the slider by itself, if set.</summary>
    /// <example>2023-08-23T00:00:00+07:00</example>
    public DateTimeOffset? FeaturedUntil { get; init; }

    /// <summary>Place in the slider, smallest first.</summary>
    /// <example>1</example>
    public int? FeaturedOrder { get; init; }

    /// <summary>"Lượt xem".</summary>
    /// <example>407</example>
    public long ViewCount { get; init; }

    /// <example>2023-08-16T18:05:00+07:00</example>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>An article in the management list, any status.</summary>
public sealed record AdminArticleListItemResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”</example>
    public required string Title { get; init; }

    /// <summary>The article's page on the portal (<c>Site:PublicBaseUrl</c>), for share buttons; null when not configured.</summary>
    /// <example>https://khoagiao.hanam.gov.vn/bai-viet/toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public string? Url { get; init; }

    /// <example>published</example>
    public ArticleStatus Status { get; init; }

    public ArticleCategoryResponse? Category { get; init; }

    /// <example>2023-08-16T18:00:00+07:00</example>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>In the homepage's slider (see <c>featuredUntil</c>).</summary>
    /// <example>true</example>
    public bool Featured { get; init; }

    /// <summary>When the article leaves the slider by itself, if set.</summary>
    /// <example>2023-08-23T00:00:00+07:00</example>
    public DateTimeOffset? FeaturedUntil { get; init; }

    /// <summary>Place in the slider, smallest first.</summary>
    /// <example>1</example>
    public int? FeaturedOrder { get; init; }

    /// <example>2023-08-16T15:00:00+07:00</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <example>2023-08-16T18:05:00+07:00</example>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One article as editors see it, any status. Its <c>ETag</c> header carries <see cref="Version"/>.</summary>
public sealed record AdminArticleResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”</example>
    public required string Title { get; init; }

    /// <summary>The article's page on the portal (<c>Site:PublicBaseUrl</c>), for share buttons; null when not configured.</summary>
    /// <example>https://khoagiao.hanam.gov.vn/bai-viet/toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public string? Url { get; init; }

    /// <example>Chiều 16/8, Ban Tuyên giáo (BTG) Tỉnh ủy tổ chức Tọa đàm…</example>
    public string? Summary { get; init; }

    /// <example>&lt;p&gt;Theo báo cáo đề dẫn…&lt;/p&gt;</example>
    public required string Body { get; init; }

    /// <example>null</example>
    public string? CoverImageUrl { get; init; }

    /// <summary>The cover photo from the media library.</summary>
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d90</example>
    public Guid? CoverImageId { get; init; }

    public ArticleCategoryResponse? Category { get; init; }

    [OpenApi.MostItems(ArticleRequestValidator.MaxTags)]
    public IReadOnlyList<ArticleTagResponse> Tags { get; init; } = [];

    /// <example>published</example>
    public ArticleStatus Status { get; init; }

    /// <summary>When the article is (or was) public; a future time schedules it.</summary>
    /// <example>2023-08-16T18:00:00+07:00</example>
    public DateTimeOffset? PublishedAt { get; init; }

    public required ArticleSourceResponse Source { get; init; }

    /// <summary>The event the article reports on, any status.</summary>
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d70</example>
    public Guid? EventId { get; init; }

    /// <summary>The staff account that created it; null when an API key did.</summary>
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d91</example>
    public Guid? AuthorId { get; init; }

    /// <summary>In the homepage's slider (see <c>featuredUntil</c>).</summary>
    /// <example>true</example>
    public bool Featured { get; init; }

    /// <summary>When the article leaves the slider by itself, if set.</summary>
    /// <example>2023-08-23T00:00:00+07:00</example>
    public DateTimeOffset? FeaturedUntil { get; init; }

    /// <summary>Place in the slider, smallest first.</summary>
    /// <example>1</example>
    public int? FeaturedOrder { get; init; }

    /// <example>407</example>
    public long ViewCount { get; init; }

    /// <example>2023-08-16T15:00:00+07:00</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <example>2023-08-16T18:05:00+07:00</example>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Row version; send it back in <c>If-Match</c> to avoid overwriting someone else's change.</summary>
    /// <example>1234</example>
    public uint Version { get; init; }
}
