using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KhoaGiao.Api.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service or reaching a database.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KhoaGiaoDbContext>
{
    public KhoaGiaoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KhoaGiaoDbContext>()
            .UseNpgsql("Host=localhost;Database=khoagiao")
            .UseSnakeCaseNamingConvention()
            .Options);
}
