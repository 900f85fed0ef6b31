using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.ApiKeys;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public const int NameMaxLength = 100;

    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(NameMaxLength);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}
