using System.Collections;
using FluentValidation;
using FluentValidation.Validators;

namespace KhoaGiao.Api.Http;

/// <summary>A list's most items, as a rule the OpenAPI document can read (<c>maxItems</c>), where a <c>Must</c> could not be.</summary>
public interface IMostItemsValidator
{
    int Max { get; }
}

/// <summary>Refuses a list of more than <see cref="Max"/> items; null passes (required-ness is another rule).</summary>
public sealed class MostItemsValidator<T, TList>(int max) : PropertyValidator<T, TList>, IMostItemsValidator
    where TList : IEnumerable?
{
    public int Max { get; } = max;

    public override string Name => "MostItemsValidator";

    public override bool IsValid(ValidationContext<T> context, TList value)
    {
        if (value is null)
        {
            return true;
        }

        var count = value is ICollection collection ? collection.Count : value.Cast<object?>().Count();
        if (count <= Max)
        {
            return true;
        }

        context.MessageFormatter.AppendArgument("MaxItems", Max).AppendArgument("TotalItems", count);
        return false;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        Text.Localized.Text("Tối đa {MaxItems} mục (đã gửi {TotalItems}).", "At most {MaxItems} items ({TotalItems} sent).");
}

public static class MostItemsRules
{
    /// <summary>At most <paramref name="max"/> items.</summary>
    public static IRuleBuilderOptions<T, TList> MostItems<T, TList>(this IRuleBuilder<T, TList> rule, int max)
        where TList : IEnumerable? =>
        rule.SetValidator(new MostItemsValidator<T, TList>(max));
}
