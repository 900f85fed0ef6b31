using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Validates every handler argument that has a registered <see cref="IValidator{T}"/> before the handler runs,
/// answering a 400 problem with per-field <c>errors</c> (camelCase paths) so invalid input changes nothing.
/// </summary>
/// <remarks>
/// Validators are singletons with synchronous rules only (checks that need the database belong in the handler), so
/// each endpoint resolves its validators once and validates synchronously with a context of the argument's type.
/// </remarks>
public static class ValidationFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (index, validate: ValidatorFor(context.ApplicationServices, parameter.ParameterType)))
            .Where(p => p.validate is not null)
            .Select(p => (p.index, validate: p.validate!))
            .ToArray();
        if (validated.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            List<ValidationFailure>? failures = null;
            foreach (var (index, validate) in validated)
            {
                if (invocation.Arguments[index] is { } argument && validate(argument) is { IsValid: false } result)
                {
                    (failures ??= []).AddRange(result.Errors);
                }
            }

            return failures is null ? next(invocation) : ValueTask.FromResult<object?>(Problem(failures));
        };
    }

    /// <summary>Validates an argument of <paramref name="argumentType"/>, or null when no validator is registered.</summary>
    private static Func<object, ValidationResult>? ValidatorFor(IServiceProvider services, Type argumentType) =>
        typeof(ValidationFilter).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(argumentType)
            .Invoke(null, [services]) as Func<object, ValidationResult>;

    private static Func<object, ValidationResult>? Typed<T>(IServiceProvider services) =>
        services.GetService<IValidator<T>>() is { } validator ? argument => validator.Validate((T)argument) : null;

    /// <summary>
    /// The <c>errors</c> of a validation problem, keyed by camelCased property path; also for validation a handler
    /// runs itself (the items of a batch), so their errors read as the single requests' do.
    /// </summary>
    public static Dictionary<string, string[]> ErrorsOf(IEnumerable<ValidationFailure> failures) =>
        failures
            .GroupBy(f => CamelCasePath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    private static ValidationProblem Problem(List<ValidationFailure> failures) =>
        TypedResults.ValidationProblem(
            ErrorsOf(failures), title: Localized.Text("Dữ liệu không hợp lệ", "One or more validation errors occurred."));

    private static string CamelCasePath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
