using FluentValidation;

namespace KhoaGiao.Api.Features.Events;

/// <summary>One person in one role at the event.</summary>
public sealed record ParticipationRequest
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid? PersonId { get; init; }

    /// <summary><c>chuTri</c>, <c>phatBieuChiDao</c>, <c>thamLuan</c>, <c>phatBieuKetLuan</c> or <c>du</c>.</summary>
    /// <example>phatBieuChiDao</example>
    public ParticipationRole? Role { get; init; }

    /// <summary>
    /// The title as printed at the event. Omit it to take the person's position held on the event's date
    /// (Asia/Ho_Chi_Minh), if one is recorded.
    /// </summary>
    /// <example>Phó Bí thư Thường trực Tỉnh ủy</example>
    public string? TitleAtEvent { get; init; }

    /// <summary>Position in the role's list, lower first (default 0).</summary>
    /// <example>1</example>
    public int? DisplayOrder { get; init; }
}

public sealed class ParticipationRequestValidator : AbstractValidator<ParticipationRequest>
{
    public ParticipationRequestValidator()
    {
        RuleFor(r => r.PersonId).NotEmpty();
        RuleFor(r => r.Role).NotNull().IsInEnum();
        RuleFor(r => r.TitleAtEvent).MaximumLength(ParticipationConfiguration.TitleMaxLength);
        RuleFor(r => r.DisplayOrder).InclusiveBetween(0, 10_000);
    }
}
