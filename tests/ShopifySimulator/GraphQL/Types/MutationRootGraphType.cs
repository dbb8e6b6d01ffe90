using GraphQL;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.Bulk;
using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

/// <summary>Shopify's mutation root, limited to the bulk operations ingestion runs and its webhook subscriptions.</summary>
internal sealed class MutationRootGraphType : ObjectGraphType
{
    public const string TypeName = "Mutation";

    public MutationRootGraphType()
    {
        Name = TypeName;
        Description = "The schema's entry point for all mutation operations.";

        // https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/bulkOperationRunQuery: groupObjects is Boolean! with
        // a default of true in 2025-10 (it turned false in 2026-01).
        Field<BulkOperationRunQueryPayloadGraphType>("bulkOperationRunQuery")
            .Description("Creates and runs a bulk operation query.")
            .Argument<NonNullGraphType<StringGraphType>>("query", "The query to be executed in bulk.")
            .Argument<NonNullGraphType<BooleanGraphType>>(
                "groupObjects",
                "Whether to group objects under their corresponding parent objects in the JSONL output.",
                argument => argument.DefaultValue = true)
            .ResolveAsync(async context => await Runner(context).StartAsync(
                context.Request(), context.Schema, context.GetArgument<string>("query"), context.GetArgument("groupObjects", true)));

        // https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/bulkOperationCancel
        Field<BulkOperationCancelPayloadGraphType>("bulkOperationCancel")
            .Description("Starts the cancelation process of a running bulk operation.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The ID of the bulk operation to cancel.")
            .Resolve(context => BulkOperationRunner.Cancel(context.Request(), context.GetArgument<string>("id")));

        this.AddWebhookSubscriptionMutations();
    }

    private static BulkOperationRunner Runner(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<BulkOperationRunner>();
}
