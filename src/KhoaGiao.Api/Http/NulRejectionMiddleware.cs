namespace KhoaGiao.Api.Http;

/// <summary>
/// Answers 400 to a query string holding the NUL character: PostgreSQL text cannot store or compare it, so it would
/// otherwise surface as a database error (500) wherever a route passes it on. (Kestrel itself refuses it in paths.)
/// </summary>
public sealed class NulRejectionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
        {
            throw new BadHttpRequestException("The request contains the NUL character.", StatusCodes.Status400BadRequest);
        }

        return next(context);
    }
}
