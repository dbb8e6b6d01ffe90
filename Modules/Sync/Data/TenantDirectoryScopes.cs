using Microsoft.Extensions.DependencyInjection;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Data;

/// <summary>Identity's tenant directory from a background task: in a scope of its own, bound to the tenant it works on.</summary>
internal sealed class TenantDirectoryScopes(IServiceScopeFactory scopes)
{
    public async Task<T> UseAsync<T>(Guid tenantId, Func<ITenantDirectory, Task<T>> use)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await use(scope.ServiceProvider.GetRequiredService<ITenantDirectory>());
    }

    public Task UseAsync(Guid tenantId, Func<ITenantDirectory, Task> use) =>
        UseAsync(tenantId, async directory =>
        {
            await use(directory);
            return true;
        });
}
