using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Backfill;
using ShopIngest.Modules.Sync.Checkpoints;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Deletions;
using ShopIngest.Modules.Sync.GraphQL;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Pipeline.Bulk;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Pipeline.Walk;
using ShopIngest.Modules.Sync.Pipeline.Write;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Resources.Customers;
using ShopIngest.Modules.Sync.Resources.Orders;
using ShopIngest.Modules.Sync.Resources.Products;
using ShopIngest.Modules.Sync.Rest;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Scheduling;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;
using ShopIngest.Modules.Sync.Webhooks;
using ShopIngest.Modules.Sync.Webhooks.Inbox;
using ShopIngest.Modules.Sync.Webhooks.Receive;
using ShopIngest.Modules.Sync.Webhooks.Subscriptions;
using ShopIngest.Modules.Sync.Webhooks.Topics;

namespace ShopIngest.Modules.Sync;

/// <summary>Pulls products, customers and orders from Shopify into Catalog and Sales.</summary>
public static class SyncModule
{
    public static IHostApplicationBuilder AddSyncModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDbContext<SyncDbContext>(SyncDbContext.Schema);
        builder.Services.AddSyncEngine();
        var options = builder.Configuration.GetSection(SyncOptions.Section).Get<SyncOptions>() ?? new SyncOptions();
        builder.Services.AddSyncScheduling(options, options.SchedulerName);
        builder.Services.AddScoped<SyncRunQueries>();
        builder.Services.AddSingleton<IShopDataEraser, SyncDataEraser>();
        builder.Services.AddGraphQLContribution<SyncGraphQL>();
        builder.Services.AddWebhooks();
        return builder;
    }

    public static WebApplication MapSyncModule(this WebApplication app)
    {
        app.MapIngestEndpoints();
        app.MapWebhookEndpoint();
        return app;
    }

    /// <summary>
    /// Shopify's webhooks: the receiver and its inbox, the processor that applies what was received, and the shops'
    /// subscriptions.
    /// </summary>
    private static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TenantDirectoryScopes>();
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxIntake>();
        services.AddSingleton<WebhookReceiver>();
        services.AddSingleton<DeliveryApplier>();
        services.AddHostedService<WebhookProcessor>();
        services.AddSingleton<WebhookRegistrar>();
        services.AddSingleton<IShopRegistrationListener, WebhookRegistrationListener>();
        services.AddGraphQLContribution<WebhookGraphQL>();
        return services;
    }

    /// <summary>
    /// An HTTP client towards Shopify that follows no redirect and has no resilience handler: our own client retries
    /// with Shopify's throttle in mind, and the default handler would retry on top of it.
    /// </summary>
    private static void AddShopifyHttpClient(IServiceCollection services, string name, Action<IServiceProvider, HttpClient> configure)
    {
        // RemoveAllResilienceHandlers is marked experimental, but it is the documented way to opt one client out of
        // ConfigureHttpClientDefaults' standard handler.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(name)
            .ConfigureHttpClient(configure)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    /// <summary>The engine without its triggers: what a run needs, from the Shopify client to the run history.</summary>
    internal static IServiceCollection AddSyncEngine(this IServiceCollection services)
    {
        services.AddOptions<ShopifyOptions>().BindConfiguration(ShopifyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        // No redirect is followed: the access token goes to the shop's own API host and nowhere a 3xx points.
        AddShopifyHttpClient(services, ShopifyAdminClient.HttpClientName,
            (provider, http) => http.Timeout = provider.GetRequiredService<IOptions<SyncOptions>>().Value.RequestTimeout);

        // Bulk results are files of gigabytes on a storage host, not Admin API calls: no access token, no overall
        // timeout (ExportResultFile gives up on a stalled read instead), and no redirect to follow anywhere else.
        AddShopifyHttpClient(services, ExportResultFile.HttpClientName, (_, http) => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ShopifyAdminClient>(
            provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient(ShopifyAdminClient.HttpClientName)));

        services.AddSingleton<ShopThrottles>();
        services.AddSingleton<SyncTelemetry>();
        services.AddSingleton<TenantTransactions>();
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<BackfillStore>();
        services.AddSingleton<SyncRunStore>();

        // The pipeline: plan, walk, write.
        services.AddSingleton<BacklogProbe>();
        services.AddSingleton<RunPlanner>();
        services.AddSingleton<LearnedPageSizes>();
        services.AddSingleton<PagedWalker>();
        services.AddSingleton<BatchWriter>();
        services.AddSingleton<ShopifyBulkOperations>();
        services.AddSingleton<BulkExportStore>();
        services.AddSingleton<BulkExporter>();
        services.AddSingleton<ExportResultFile>();
        services.AddSingleton<BulkStaging>();
        services.AddSingleton<BulkWalker>();
        services.AddSingleton<DeletionSweep>();
        services.AddSingleton<BulkIdListing>();
        services.AddSingleton<SyncPipeline>();

        // What is synced: each resource's query, wire mapping and ingest contract, registered once.
        services.AddSyncResource<ProductFeed, ProductRecord>();
        services.AddSyncResource<CustomerFeed, CustomerRecord>();
        services.AddSyncResource<OrderFeed, OrderRecord>();

        services.AddSingleton<AccessScopeCheck>();
        services.AddSingleton<SyncNode>();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<TenantSync>();
        return services;
    }
}
