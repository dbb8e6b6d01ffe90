using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Shared.Data;

/// <summary>
/// A module's DbContext: its own schema, and a query filter on the current tenant for every
/// <see cref="ITenantOwned"/> entity.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, ITenantContext tenant, string schema) : DbContext(options)
{
    /// <summary>Read by the query filters on every query, so one model serves every tenant.</summary>
    protected Guid? CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(schema);
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            var row = Expression.Parameter(entity.ClrType, "row");
            var rowTenant = Expression.Convert(Expression.Property(row, nameof(ITenantOwned.TenantId)), typeof(Guid?));
            var currentTenant = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
            modelBuilder.Entity(entity.ClrType).HasQueryFilter(Expression.Lambda(Expression.Equal(rowTenant, currentTenant), row));
        }
    }
}
