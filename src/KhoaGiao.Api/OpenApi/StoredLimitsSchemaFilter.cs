using System.Collections.Frozen;
using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Bounds for what the service sends and the values a schema's type already bounds, after
/// <see cref="ValidationLimitsSchemaFilter"/> has put in what the validators enforce:
/// <list type="bullet">
/// <item>a string field takes the longest value a field of its name can hold: its column's length in the database, or
/// the longest its validators accept on the way in (a response's <c>title</c> is at most what any request may store as
/// one);</item>
/// <item>UUIDs are 36 characters, dates 10, timestamps at most 33 (<c>2023-08-16T18:00:00.1234567+07:00</c>);</item>
/// <item>integers without a rule are bounded by their type (<c>int32</c>, <c>int64</c>).</item>
/// </list>
/// </summary>
public sealed class StoredLimitsSchemaFilter(IServiceProvider services) : ISchemaFilter
{
    private readonly Lazy<FrozenDictionary<string, int>> _lengths = new(() => Lengths(services));

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if ((Nullable.GetUnderlyingType(context.Type) ?? context.Type) == typeof(Time.VietnamTimestamp) && concrete.MaxLength is null)
        {
            // A date (2023-08-16) or a timestamp with or without an offset (2023-08-16T14:00:00.1234567+07:00).
            concrete.MaxLength = 33;
        }

        Bound(concrete, context.MemberInfo?.Name ?? context.ParameterInfo?.Name);
        if (concrete.Items is OpenApiSchema items)
        {
            Bound(items, null);
        }
    }

    private void Bound(OpenApiSchema schema, string? name)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && schema.MaxLength is null && schema.Enum is not { Count: > 0 })
        {
            schema.MaxLength = schema.Format switch
            {
                "uuid" => 36,
                "date" => 10,
                "date-time" => 33,
                _ => name is not null && _lengths.Value.TryGetValue(name, out var length) ? length : null,
            };
        }

        if (schema.Type is { } number && number.HasFlag(JsonSchemaType.Integer))
        {
            schema.Format ??= "int32";
            var (min, max) = schema.Format == "int64" ? (Invariant(long.MinValue), Invariant(long.MaxValue)) : (Invariant(int.MinValue), Invariant(int.MaxValue));
            schema.Minimum ??= schema.ExclusiveMinimum is null ? min : null;
            schema.Maximum ??= schema.ExclusiveMaximum is null ? max : null;
        }
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Longest value per field name (any casing): database column lengths, then validators' maximum lengths.</summary>
    private static FrozenDictionary<string, int> Lengths(IServiceProvider services)
    {
        var lengths = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        void Take(string name, int length) => lengths[name] = Math.Max(length, lengths.GetValueOrDefault(name));

        using (var scope = services.CreateScope())
        {
            foreach (var property in scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>().Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
            {
                if (property.ClrType == typeof(string) && property.GetMaxLength() is { } length)
                {
                    Take(property.Name, length);
                }
            }
        }

        var validated = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract)
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Distinct();
        foreach (var validator in validated.Select(services.GetService).OfType<IValidator>())
        {
            var descriptor = validator.CreateDescriptor();
            foreach (var member in descriptor.GetMembersWithValidators())
            {
                foreach (var (component, _) in member)
                {
                    if (component is ILengthValidator { Max: > 0 } length)
                    {
                        Take(member.Key, length.Max);
                    }
                }
            }
        }

        return lengths.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
