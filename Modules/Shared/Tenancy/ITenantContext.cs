namespace ShopIngest.Modules.Shared.Tenancy;

/// <summary>
/// Whose data this scope may touch. Filled only from a validated token, or by a background job for the
/// tenant it works on; never from a client-supplied id.
/// </summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>The tenant, or <see cref="TenantRequiredException"/> when the scope has none.</summary>
    Guid RequiredTenantId => TenantId ?? throw new TenantRequiredException();

    /// <summary>Binds the scope to a tenant; a scope never switches from one tenant to another.</summary>
    void Use(Guid tenantId);
}

/// <summary>Tenant data was asked for in a scope that belongs to no tenant (e.g. an anonymous request).</summary>
public sealed class TenantRequiredException() : InvalidOperationException("This operation needs an authenticated tenant.");

internal sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public void Use(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("A scope cannot switch from one tenant to another.");
        }

        TenantId = tenantId;
    }
}
