using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Accounts;

public sealed class EditorUserConfiguration : IEntityTypeConfiguration<EditorUser>
{
    public const int DisplayNameMaxLength = 150;

    public void Configure(EntityTypeBuilder<EditorUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(DisplayNameMaxLength);
}
