using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Catalog;
using ShopIngest.Modules.Identity;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Sales;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Sync;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Scheduling;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// The sync engine as the Host builds it, run in the test process against the app host's database and simulator:
/// a test can start, cancel and race runs, or run a scheduler of its own, and a second instance stands for a
/// second Host replica.
/// </summary>
internal sealed class SyncEngine : IAsyncDisposable
{
    private readonly IHost _host;
    private IScheduler? _scheduler;

    private SyncEngine(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// An engine with <paramref name="settings"/> over the defaults; with <paramref name="schedulerName"/>, also a Quartz
    /// scheduler of that name (a cluster of its own, apart from the Host's).
    /// </summary>
    /// <param name="fixture">The running app host: its database and simulator.</param>
    /// <param name="settings">Configuration over the test defaults.</param>
    /// <param name="schedulerName">When given, the engine also runs a Quartz scheduler of that name.</param>
    /// <param name="shopifyAnswers">Sits between the engine and the simulator, to replay documented answers the simulator does not give.</param>
    public static async Task<SyncEngine> CreateAsync(
        AppHostFixture fixture, IDictionary<string, string?>? settings = null, string? schedulerName = null, Func<DelegatingHandler>? shopifyAnswers = null)
    {
        var ownerConnectionString = await fixture.OwnerConnectionStringAsync();
        var simulator = fixture.App.GetEndpoint("shopify-sim", "http");
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ModuleDatabase.ConnectionName}"] = ownerConnectionString,
            ["Shopify:BaseUrlTemplate"] = $"{simulator.ToString().TrimEnd('/')}/shops/{{shop}}",
            ["Auth:SigningKey"] = fixture.SigningKey,
            // Faults are retried quickly in tests; the backoff's shape is unit-tested.
            ["Sync:RetryBaseDelay"] = "00:00:00.010",
            ["Sync:MaxRetryDelay"] = "00:00:00.050",
            ["Sync:MaxTransientRetries"] = "20",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddIdentityModule();
        builder.AddCatalogModule();
        builder.AddSalesModule();
        builder.Services.AddSyncEngine();
        if (shopifyAnswers is not null)
        {
            builder.Services.AddHttpClient(ShopifyAdminClient.HttpClientName).AddHttpMessageHandler(shopifyAnswers);
        }
        if (schedulerName is not null)
        {
            builder.Services.AddSyncScheduling(new SyncOptions { ScheduleEnabled = false, MaxConcurrentTenants = 2 }, schedulerName);
        }

        var engine = new SyncEngine(builder.Build());
        if (schedulerName is not null)
        {
            engine._scheduler = await engine.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await engine._scheduler.Start();
        }

        return engine;
    }

    /// <summary>Syncs the tenant's <paramref name="resources"/> (all when none are named) and waits for the runs to end.</summary>
    public Task<SyncRequest> SyncAsync(Guid tenantId, CancellationToken cancellationToken = default, params SyncResource[] resources) =>
        RunAsync(tenantId, "manual", cancellationToken, resources);

    /// <summary>What a trigger of the schedule runs, rather than a merchant's "sync now".</summary>
    public Task<SyncRequest> ScheduledSyncAsync(Guid tenantId) => RunAsync(tenantId, "schedule", default);

    private async Task<SyncRequest> RunAsync(Guid tenantId, string trigger, CancellationToken cancellationToken, params SyncResource[] resources)
    {
        var request = SyncRequest.Plan(tenantId, trigger, resources.Length == 0 ? SyncResource.All : resources);
        await Services.GetRequiredService<TenantSync>().RunAsync(request, cancellationToken).WaitAsync(TimeSpan.FromMinutes(5));
        return request;
    }

    public SyncTriggers Triggers => Services.GetRequiredService<SyncTriggers>();

    public async Task<ShopCredentials?> CredentialsAsync(Guid tenantId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().GetCredentialsAsync(tenantId, CancellationToken.None);
    }

    public async Task<IReadOnlyList<Guid>> SyncableTenantsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().ListSyncableTenantsAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true);
        }

        _host.Dispose();
    }
}

/// <summary>A simulator shop and the tenant signed up for it.</summary>
internal sealed record SyncTestTenant(TestTenant Tenant, SimulatedShop Shop)
{
    public Guid Id => Tenant.Id;

    public static async Task<SyncTestTenant> CreateAsync(
        AppHostFixture fixture, int products, int customers, int orders, (double Maximum, double RestoreRate)? bucket = null, string? accessToken = null,
        IReadOnlyList<string>? scopes = null, int searchIndexLagSeconds = 0)
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products, customers, orders, bucket, scopes: scopes, searchIndexLagSeconds: searchIndexLagSeconds);
        var tenant = await fixture.SignUpAsync(shop.Domain, accessToken ?? shop.AccessToken);
        return new SyncTestTenant(tenant, shop);
    }
}
