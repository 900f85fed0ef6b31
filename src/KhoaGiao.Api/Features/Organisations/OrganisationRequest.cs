using FluentValidation;

namespace KhoaGiao.Api.Features.Organisations;

/// <summary>An organisation's fields, to create one or replace one's.</summary>
public sealed record OrganisationRequest
{
    /// <summary>Full name, unique, up to 300 characters.</summary>
    /// <example>Sở Khoa học và Công nghệ tỉnh Hà Nam</example>
    public string? Name { get; init; }

    /// <summary>Abbreviation in common use, up to 100 characters.</summary>
    /// <example>Sở KH&amp;CN</example>
    public string? ShortName { get; init; }

    /// <summary>The organisation this one belongs to, if any.</summary>
    /// <example>null</example>
    public Guid? ParentId { get; init; }
}

public sealed class OrganisationRequestValidator : AbstractValidator<OrganisationRequest>
{
    public OrganisationRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(OrganisationConfiguration.NameMaxLength);
        RuleFor(r => r.ShortName).MaximumLength(OrganisationConfiguration.ShortNameMaxLength);
    }
}
