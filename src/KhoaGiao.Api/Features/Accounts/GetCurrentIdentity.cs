using System.Security.Claims;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Accounts;

public static class GetCurrentIdentity
{
    public static Ok<CurrentIdentityResponse> Handle(ClaimsPrincipal principal) => TypedResults.Ok(new CurrentIdentityResponse
    {
        Id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        Name = principal.FindFirstValue(ClaimTypes.Name) ?? "",
        Kind = principal.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? CurrentIdentityResponse.ApiKey : CurrentIdentityResponse.User,
        Scopes = principal.FindAll(Scopes.ClaimType).Select(c => c.Value).Distinct().Order().ToList(),
    });
}
