using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using KhoaGiao.Api.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Puts the limits the validators enforce into the document: <c>maxLength</c>/<c>minLength</c>, <c>minimum</c>/
/// <c>maximum</c> and <c>pattern</c> of each request field and query parameter, read from the FluentValidation rules
/// of the type that declares it, so the document and the 400s cannot disagree. Rules written as <c>Must</c> say
/// nothing a document can hold and are left to the field's description.
/// </summary>
public sealed class ValidationLimitsSchemaFilter(IServiceProvider services) : ISchemaFilter
{
    private readonly ConcurrentDictionary<Type, IValidatorDescriptor?> _descriptors = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || context.MemberInfo is not PropertyInfo { DeclaringType: { } declaring } property
            || Descriptor(declaring) is not { } descriptor)
        {
            return;
        }

        foreach (var rule in descriptor.GetRulesForMember(property.Name))
        {
            foreach (var component in rule.Components)
            {
                // A RuleForEach's limits are the items', except its count of them.
                var target = IsForEach(rule) && concrete.Items is OpenApiSchema items && component.Validator is not IMostItemsValidator ? items : concrete;
                Apply(target, component.Validator);
            }
        }
    }

    private static void Apply(OpenApiSchema schema, IPropertyValidator validator)
    {
        switch (validator)
        {
            case ILengthValidator length:
                if (length.Max > 0)
                {
                    schema.MaxLength = length.Max;
                }

                if (length.Min > 0)
                {
                    schema.MinLength = length.Min;
                }

                break;
            case IBetweenValidator between:
                schema.Minimum = Number(between.From);
                schema.Maximum = Number(between.To);
                if (validator.Name == "ExclusiveBetweenValidator")
                {
                    (schema.ExclusiveMinimum, schema.ExclusiveMaximum) = (schema.Minimum, schema.Maximum);
                }

                break;
            case IComparisonValidator { ValueToCompare: { } value } comparison:
                switch (comparison.Comparison)
                {
                    case Comparison.GreaterThanOrEqual:
                        schema.Minimum = Number(value);
                        break;
                    case Comparison.GreaterThan:
                        schema.ExclusiveMinimum = Number(value);
                        break;
                    case Comparison.LessThanOrEqual:
                        schema.Maximum = Number(value);
                        break;
                    case Comparison.LessThan:
                        schema.ExclusiveMaximum = Number(value);
                        break;
                }

                break;
            case IRegularExpressionValidator regex:
                schema.Pattern = regex.Expression;
                break;
            case IMostItemsValidator most:
                schema.MaxItems = most.Max;
                break;
        }
    }

    /// <summary>A <c>RuleForEach</c>: its limits are the items'.</summary>
    private static bool IsForEach(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    private static string? Number(object? value) => value is IFormattable number ? number.ToString(null, CultureInfo.InvariantCulture) : null;

    private IValidatorDescriptor? Descriptor(Type type) => _descriptors.GetOrAdd(type, t =>
        (services.GetService(typeof(IValidator<>).MakeGenericType(t)) as IValidator)?.CreateDescriptor());
}
