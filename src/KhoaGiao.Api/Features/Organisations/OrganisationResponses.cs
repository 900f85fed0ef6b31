namespace KhoaGiao.Api.Features.Organisations;

/// <summary>An organisation.</summary>
public sealed record OrganisationResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>Ban Tuyên giáo Tỉnh ủy Hà Nam</example>
    public required string Name { get; init; }

    /// <example>BTG Tỉnh ủy</example>
    public string? ShortName { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d00</example>
    public Guid? ParentId { get; init; }

    /// <example>Tỉnh ủy Hà Nam</example>
    [OpenApi.Longest(OrganisationConfiguration.NameMaxLength)]
    public string? ParentName { get; init; }
}
