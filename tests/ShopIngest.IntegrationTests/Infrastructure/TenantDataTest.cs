using Microsoft.Extensions.DependencyInjection;

namespace ShopIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A test of the modules' data layer: its own fresh tenant, so tests never see each other's rows, and the
/// modules' services against the app host's database.
/// </summary>
public abstract class TenantDataTest(AppHostFixture fixture) : IAsyncLifetime
{
    protected Guid Tenant { get; } = Guid.NewGuid();

    internal ModuleServices Modules { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Modules = await ModuleServices.CreateAsync(fixture);

    public async Task DisposeAsync() => await Modules.DisposeAsync();

    internal Task<List<object[]>> QueryAsync(string sql) => Modules.QueryAsTenantAsync(Tenant, sql);

    /// <summary>Calls a scoped service of the test's tenant, as a request of that tenant would.</summary>
    internal async Task<T> AsTenantAsync<TService, T>(Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = Modules.TenantScope(Tenant);
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
