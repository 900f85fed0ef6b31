using KhoaGiao.Api.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>The three roles are reference data, created by the migration.</summary>
public sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public static readonly Guid AdminId = new("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid EditorId = new("0193a000-0000-7000-8000-000000000002");
    public static readonly Guid AuthorId = new("0193a000-0000-7000-8000-000000000003");

    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder) => builder.HasData(
        Role(AdminId, Roles.Admin),
        Role(EditorId, Roles.Editor),
        Role(AuthorId, Roles.Author));

    private static IdentityRole<Guid> Role(Guid id, string name) =>
        new() { Id = id, Name = name, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = id.ToString() };
}
