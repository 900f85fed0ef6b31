using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api;

public static class KhoaGiaoServices
{
    /// <summary>
    /// The parts the web service and its commands (<c>import</c>, <c>migrate</c>) share, registered in one place so a
    /// command runs against the same settings, database and write paths as the service.
    /// </summary>
    public static WebApplicationBuilder AddKhoaGiaoCore(this WebApplicationBuilder builder) =>
        builder.AddKhoaGiaoHttp().AddKhoaGiaoData().AddKhoaGiaoSecurity().AddKhoaGiaoFeatures();
}
