using GraphQL;
using GraphQL.Types;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Sync.Deletions;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Scheduling;

namespace ShopIngest.Modules.Sync.GraphQL;

/// <summary>The run history and status of the caller's shop, and mutations that start a sync of it now.</summary>
internal sealed class SyncGraphQL : IGraphQLContribution
{
    public const int MaxPageSize = 100;

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<SyncRunGraphType, SyncRun>>>("syncRuns")
            .Description("The shop's sync runs, newest first (Relay-style paging).")
            .Argument<IntGraphType>("first", $"How many runs (1 to {MaxPageSize}); 20 when omitted.")
            .Argument<StringGraphType>("after", "The cursor of the run to continue after.")
            .ResolveAsync(async context =>
            {
                context.RequireTenant();
                var first = context.GetArgument<int?>("first") ?? 20;
                if (first is < 1 or > MaxPageSize)
                {
                    throw ErrorCodes.Error(ErrorCodes.BadUserInput, $"first must be between 1 and {MaxPageSize}.");
                }

                // A cursor that is not one of syncRuns is refused by Keyset, as BAD_USER_INPUT (an ArgumentException).
                return await context.GetService<SyncRunQueries>().ListAsync(
                    first, context.GetArgument<string?>("after"), context.SubFields?.ContainsKey("totalCount") ?? true, context.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SyncResourceStatusGraphType>>>>("syncStatus")
            .Description("Where the sync of each resource of the shop stands: its cursor and its latest run.")
            .ResolveAsync(async context =>
            {
                context.RequireTenant();
                return await context.GetService<SyncRunQueries>().StatusAsync(context.CancellationToken);
            });

        query.Field<SyncScheduleGraphType>("syncSchedule")
            .Description("The shop's place in the recurring schedule, with its sync lag; null while the shop is not scheduled (its syncing paused, its token refused, or just signed up).")
            .ResolveAsync(async context =>
            {
                var tenantId = context.RequireTenant();
                return await context.GetService<ScheduleStore>().ReadAsync(tenantId, context.CancellationToken);
            });
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        AddSingle(mutation, "syncProducts", SyncResource.Products);
        AddSingle(mutation, "syncCustomers", SyncResource.Customers);
        AddSingle(mutation, "syncOrders", SyncResource.Orders);
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SyncRunGraphType>>>>("syncAll")
            .Description("Starts a sync of the shop's products, customers and orders now; returns the three runs.")
            .ResolveAsync(async context => await StartAsync(context, SyncResource.All));
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SyncRunGraphType>>>>("reconcile")
            .Description("Starts a sync of the shop's products, customers and orders now that also lists every id Shopify has and removes "
                + "the records Shopify no longer has (otherwise done once a week); returns the three runs. recordsDeleted counts what went.")
            .ResolveAsync(async context =>
            {
                await context.GetService<DeletionSweep>().RequestReconciliationAsync(context.RequireTenant(), SyncResource.All, context.CancellationToken);
                return await StartAsync(context, SyncResource.All);
            });
    }

    private static void AddSingle(ObjectGraphType mutation, string name, SyncResource resource) =>
        mutation.Field<NonNullGraphType<SyncRunGraphType>>(name)
            .Description($"Starts a sync of the shop's {resource.Name} now; returns the run. It waits if the shop is being synced already.")
            .ResolveAsync(async context => (await StartAsync(context, [resource]))[0]);

    private static async Task<IReadOnlyList<SyncRun>> StartAsync(IResolveFieldContext context, IReadOnlyList<SyncResource> resources)
    {
        var tenantId = context.RequireTenant();
        IReadOnlyList<PlannedRun> planned;
        try
        {
            planned = await context.GetService<SyncTriggers>().StartManualAsync(tenantId, resources, context.CancellationToken);
        }
        catch (TooManySyncRequestsException tooMany)
        {
            throw ErrorCodes.Error(ErrorCodes.RateLimited, tooMany.Message);
        }

        return await context.GetService<SyncRunQueries>().GetAsync([.. planned.Select(p => p.RunId)], context.CancellationToken);
    }
}
