using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShopIngest.Modules.Identity.Authentication;
using ShopIngest.Modules.Identity.Tenants;
using ShopIngest.Modules.Identity.Users;

namespace ShopIngest.Modules.Identity.Data;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ShopDomain).HasMaxLength(255);
        builder.HasIndex(t => t.ShopDomain).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(255);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.TimeZone).HasMaxLength(64);
        builder.Property(t => t.SyncPausedReason).HasMaxLength(1000);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasKey(u => new { u.TenantId, u.Id });
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(320);
        // Login finds a user by email before any tenant is known, so this one index cannot lead with tenant_id.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LoginFailuresConfiguration : IEntityTypeConfiguration<LoginFailures>
{
    public void Configure(EntityTypeBuilder<LoginFailures> builder)
    {
        builder.HasKey(f => new { f.NormalizedEmail, f.ClientAddress });
        builder.Property(f => f.NormalizedEmail).HasMaxLength(LoginFailures.MaxEmailLength);
        builder.Property(f => f.ClientAddress).HasMaxLength(64);
        // Forgotten streaks are deleted by age.
        builder.HasIndex(f => f.LastFailedAt);
    }
}
