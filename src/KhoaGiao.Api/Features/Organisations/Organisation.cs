namespace KhoaGiao.Api.Features.Organisations;

/// <summary>A body of the Party or state ("cơ quan, tổ chức"), e.g. Ban Tuyên giáo Tỉnh ủy (BTG Tỉnh ủy).</summary>
public sealed class Organisation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The abbreviation in common use ("BTG Tỉnh ủy").</summary>
    public string? ShortName { get; set; }

    public Guid? ParentId { get; set; }

    public Organisation? Parent { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
