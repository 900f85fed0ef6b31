using KhoaGiao.Api.Http;
using FluentValidation;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.People;

/// <summary>A person's fields, to create one or replace one's (positions included).</summary>
public sealed record PersonRequest
{
    /// <summary>Full name, up to 150 characters.</summary>
    /// <example>Đinh Thị Lụa</example>
    public string? FullName { get; init; }

    /// <summary>Positions over time; the list replaces the stored one.</summary>
    public IReadOnlyList<PositionRequest>? Positions { get; init; }
}

/// <summary>A title held for a term.</summary>
public sealed record PositionRequest
{
    /// <example>Phó Bí thư Thường trực Tỉnh ủy</example>
    public string? Title { get; init; }

    /// <example>null</example>
    public Guid? OrganisationId { get; init; }

    /// <summary>First day of the term, when known.</summary>
    /// <example>2020-10-16</example>
    public DateOnly? From { get; init; }

    /// <summary>Last day of the term; omit while it lasts.</summary>
    /// <example>null</example>
    public DateOnly? To { get; init; }
}

public sealed class PersonRequestValidator : AbstractValidator<PersonRequest>
{
    public const int MaxPositions = 50;

    public PersonRequestValidator()
    {
        RuleFor(r => r.FullName).NotEmpty().MaximumLength(PersonConfiguration.FullNameMaxLength);
        RuleFor(r => r.Positions).MostItems(MaxPositions)
            .WithMessage(_ => Localized.Text($"Tối đa {MaxPositions} chức vụ.", $"At most {MaxPositions} positions."));
        RuleForEach(r => r.Positions).NotNull().ChildRules(position =>
        {
            position.RuleFor(p => p.Title).NotEmpty().MaximumLength(PersonPositionConfiguration.TitleMaxLength);
            position.RuleFor(p => p.To).GreaterThanOrEqualTo(p => p.From).When(p => p.From is not null && p.To is not null);
        });
    }
}
