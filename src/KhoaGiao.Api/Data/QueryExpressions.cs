using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Query;

namespace KhoaGiao.Api.Data;

/// <summary>
/// Building EF Core queries from parts written as lambdas: one rule written once (visibility, a keyset bound, a
/// list's filters) spliced into ordinary and compiled queries alike.
/// </summary>
public static class QueryExpressions
{
    /// <summary>
    /// The value as a member of a captured object, as a closure's would be, so EF Core sends it as a query parameter
    /// (a plain constant would be written into the SQL and cached once per value).
    /// </summary>
    public static Expression Parameter<T>(T value) =>
        Expression.Field(Expression.Constant(new StrongBox<T>(value)), nameof(StrongBox<T>.Value));

    /// <summary>The expression with <paramref name="original"/> replaced by <paramref name="replacement"/>.</summary>
    public static Expression Replace(this Expression expression, Expression original, Expression replacement) =>
        new ReplacingExpressionVisitor([original], [replacement]).Visit(expression);

    /// <summary>The body of <paramref name="lambda"/> with its parameters replaced by <paramref name="arguments"/>.</summary>
    public static Expression Splice(this LambdaExpression lambda, params Expression[] arguments) =>
        new ReplacingExpressionVisitor([.. lambda.Parameters], arguments).Visit(lambda.Body);
}
