using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Webhooks;

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 500;

    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.Property(s => s.Url).HasMaxLength(UrlMaxLength);
        builder.Property(s => s.Description).HasMaxLength(DescriptionMaxLength);
        builder.Property(s => s.DisabledReason).HasMaxLength(200);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasIndex(s => s.CreatedAt);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Position).UseIdentityAlwaysColumn();
        builder.HasIndex(d => d.Position).IsUnique();
        builder.Property(d => d.EventType).HasMaxLength(50);
        builder.Property(d => d.ItemType).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);

        // The dispatcher's look for due work, in the order it claims (so a claim reads a few rows, not every pending
        // one), and the per-item order check.
        builder.HasIndex(d => new { d.NextAttemptAt, d.Position }).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_deliveries_due");
        builder.HasIndex(d => new { d.SubscriptionId, d.ItemType, d.ItemId, d.Position }).HasFilter("status = 'Pending'")
            .HasDatabaseName("ix_webhook_deliveries_pending_items");
        builder.HasIndex(d => new { d.SubscriptionId, d.Position });
        builder.HasIndex(d => d.CreatedAt).HasFilter("status <> 'Pending'").HasDatabaseName("ix_webhook_deliveries_done");
    }
}

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public const int ExcerptBytes = 1024;

    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(ExcerptBytes);
        builder.HasIndex(a => new { a.DeliveryId, a.At });
    }
}
