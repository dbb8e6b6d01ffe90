using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sync.Webhooks.Inbox;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable(WebhookInbox.Table);
        builder.HasKey(d => new { d.TenantId, d.Id });
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.Property(d => d.WebhookId).HasMaxLength(WebhookInbox.MaxWebhookIdLength);
        builder.Property(d => d.Topic).HasMaxLength(WebhookInbox.MaxTopicLength);
        builder.Property(d => d.ApiVersion).HasMaxLength(WebhookInbox.MaxApiVersionLength);
        builder.Property(d => d.Error).HasMaxLength(2000);

        // Shopify delivers at least once: a second copy of a delivery finds the first by its id.
        builder.HasIndex(d => new { d.TenantId, d.WebhookId }).IsUnique();

        // The processor's queue: the pending deliveries, in order of arrival.
        builder.HasIndex(d => new { d.TenantId, d.Id }).HasFilter("processed_at IS NULL").HasDatabaseName("ix_webhook_inbox_pending");

        // Applied deliveries are forgotten after the retention period, oldest first.
        builder.HasIndex(d => d.ProcessedAt).HasFilter("processed_at IS NOT NULL");
    }
}
