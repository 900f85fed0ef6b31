using KhoaGiao.Api.Features.Organisations;

namespace KhoaGiao.Api.Features.People;

/// <summary>A title a person held for a term ("chức vụ"), e.g. "Phó Bí thư Thường trực Tỉnh ủy".</summary>
public sealed class PersonPosition
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PersonId { get; init; }

    public required string Title { get; set; }

    public Guid? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>First day of the term; null when unknown.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Last day of the term; null while it lasts.</summary>
    public DateOnly? To { get; set; }
}
