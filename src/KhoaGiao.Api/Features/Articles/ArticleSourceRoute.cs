using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>The route values that name an article by where it came from: <c>/by-source/{source}/{externalId}</c>.</summary>
public sealed record ArticleSourceRoute
{
    /// <summary>The source's name; case, diacritics and spaces do not matter (<c>bao ha nam</c> is <c>Báo Hà Nam</c>).</summary>
    /// <example>Báo Hà Nam</example>
    [FromRoute(Name = "source")]
    public string? Source { get; init; }

    /// <summary>The article's id at the source; surrounding spaces do not matter.</summary>
    /// <example>12345</example>
    [FromRoute(Name = "externalId")]
    public string? ExternalId { get; init; }
}

public sealed class ArticleSourceRouteValidator : AbstractValidator<ArticleSourceRoute>
{
    public ArticleSourceRouteValidator()
    {
        RuleFor(r => r.Source).NotEmpty().MaximumLength(ArticleConfiguration.SourceNameMaxLength);
        RuleFor(r => r.ExternalId).NotEmpty().MaximumLength(ArticleConfiguration.ExternalIdMaxLength);
    }
}
