using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Webhooks.Subscriptions;

/// <summary>
/// Subscribes a newly registered shop to webhooks, on one node of the cluster, soon after its registration committed:
/// the registration itself never waits for Shopify. A shop Shopify refuses now can be subscribed later with the
/// <c>registerWebhooks</c> mutation.
/// </summary>
internal sealed partial class WebhookRegistrationJob(WebhookRegistrar registrar, ILogger<WebhookRegistrationJob> logger) : IJob
{
    public const string Group = "webhooks";
    private const string TenantKey = "tenantId";

    public static readonly JobKey Key = new("register", Group);

    public static IJobDetail Detail() => JobBuilder.Create<WebhookRegistrationJob>()
        .WithIdentity(Key)
        .WithDescription("Subscribes a newly registered shop to Shopify webhooks.")
        .StoreDurably()
        .RequestRecovery()
        .Build();

    /// <remarks>
    /// Ahead of queued manual syncs (default priority 5) when a scheduler thread frees: a subscription takes a second,
    /// and every webhook missed while it waits is left to the next sync.
    /// </remarks>
    public static ITrigger TriggerFor(Guid tenantId) => TriggerBuilder.Create()
        .WithIdentity($"register-{tenantId:N}", Group)
        .WithPriority(10)
        .ForJob(Key)
        .UsingJobData(TenantKey, tenantId.ToString())
        .StartNow()
        .Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var tenantId = Guid.Parse(context.MergedJobDataMap.GetString(TenantKey)!);
        try
        {
            var registration = await registrar.RegisterAsync(tenantId, cancellationToken);
            foreach (var refused in registration.Topics.Where(topic => topic.Status == WebhookRegistrar.Refused))
            {
                LogTopicRefused(logger, refused.Topic, tenantId, refused.Message ?? "");
            }
        }
        catch (ShopifyException failure)
        {
            LogFailed(logger, tenantId, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify refused the {Topic} subscription of tenant {TenantId}: {Reason}")]
    private static partial void LogTopicRefused(ILogger logger, string topic, Guid tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing tenant {TenantId} to webhooks failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid tenantId, string reason);
}

/// <summary>
/// When webhooks are on (<see cref="WebhookOptions.PublicBaseUrl"/>, <see cref="WebhookOptions.SubscribeNewShops"/>), queues
/// the subscription of every shop registered.
/// </summary>
internal sealed class WebhookRegistrationListener(ISchedulerFactory schedulers, IOptions<WebhookOptions> options) : IShopRegistrationListener
{
    public async Task ShopRegisteredAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (options.Value.CallbackUrl is null || !options.Value.SubscribeNewShops)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.AddJob(WebhookRegistrationJob.Detail(), AddJobOptions.Replacing, cancellationToken);
        await scheduler.ScheduleJob(WebhookRegistrationJob.TriggerFor(tenantId), default, cancellationToken);
    }
}
