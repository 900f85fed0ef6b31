using FluentValidation;
using FluentValidation.Results;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Validates every handler argument that has a registered <see cref="IValidator{T}"/> before the handler runs,
/// answering a 400 problem with per-field <c>errors</c> (camelCase paths) so invalid input changes nothing.
/// </summary>
public static class ValidationFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (index, type: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
            .Where(p => context.ApplicationServices.GetService(p.type) is not null)
            .ToArray();
        if (validated.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var failures = new List<ValidationFailure>();
            foreach (var (index, type) in validated)
            {
                if (invocation.Arguments[index] is { } argument
                    && invocation.HttpContext.RequestServices.GetService(type) is IValidator validator)
                {
                    var result = await validator.ValidateAsync(
                        new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                    failures.AddRange(result.Errors);
                }
            }

            if (failures.Count == 0)
            {
                return await next(invocation);
            }

            var errors = failures
                .GroupBy(f => CamelCasePath(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
            return TypedResults.ValidationProblem(
                errors, title: Localized.Text("Dữ liệu không hợp lệ", "One or more validation errors occurred."));
        };
    }

    private static string CamelCasePath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
