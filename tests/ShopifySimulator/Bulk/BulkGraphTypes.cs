using GraphQL;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.GraphQL.Types;

namespace ShopIngest.ShopifySimulator.Bulk;

/// <summary>
/// https://shopify.dev/docs/api/admin-graphql/2025-10/interfaces/Node: the simulator resolves bulk operations by id
/// through it, which is how 2025-10 reads one operation (its bulkOperation(id:) query came only with 2026-01).
/// </summary>
internal sealed class NodeInterfaceGraphType : InterfaceGraphType
{
    public NodeInterfaceGraphType()
    {
        Name = "Node";
        Description = "An object with an ID field to support global identification, in accordance with the Relay specification.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.");
    }
}

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BulkOperation</summary>
internal sealed class BulkOperationGraphType : ObjectGraphType<BulkOperationView>
{
    public BulkOperationGraphType()
    {
        Name = "BulkOperation";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = source => source is BulkOperationView;
        Description = "An asynchronous long-running operation to fetch data in bulk or to bulk import data.";
        Field<ShopifyDateTimeGraphType>("completedAt").Description("When the bulk operation was successfully completed.")
            .Resolve(context => context.Source.Progress.CompletedAt);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Description("When the bulk operation was created.")
            .Resolve(context => context.Source.Operation.CreatedAt);
        Field<BulkOperationErrorCodeGraphType>("errorCode").Description("Error code for failed operations.")
            .Resolve(context => context.Source.Progress.ErrorCode);
        Field<UnsignedInt64GraphType>("fileSize").Description("File size in bytes of the file in the `url` field.")
            .Resolve(context => context.Source.Progress.FileSize);
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => context.Source.Operation.Gid);
        Field<NonNullGraphType<UnsignedInt64GraphType>>("objectCount")
            .Description("A running count of all the objects processed, children included. This field can be used to track operation progress.")
            .Resolve(context => context.Source.Progress.ObjectCount);
        Field<ShopifyUrlGraphType>("partialDataUrl")
            .Description("The URL that points to the partial or incomplete response data (in JSONL format) that was returned by a failed operation. The URL expires 7 days after the operation fails. Returns `null` when there's no data available.")
            .Resolve(context => context.Source.UrlOf(context.Source.Progress.PartialData));
        Field<NonNullGraphType<StringGraphType>>("query").Description("GraphQL query document specified in `bulkOperationRunQuery`.")
            .Resolve(context => context.Source.Operation.Query);
        Field<NonNullGraphType<UnsignedInt64GraphType>>("rootObjectCount")
            .Description("A running count of all the objects that are processed at the root of the query.")
            .Resolve(context => context.Source.Progress.RootObjectCount);
        Field<NonNullGraphType<BulkOperationStatusGraphType>>("status").Description("Status of the bulk operation.")
            .Resolve(context => BulkOperation.StatusAt(context.Source.Progress, context.Source.Now));
        Field<NonNullGraphType<BulkOperationTypeGraphType>>("type").Description("The bulk operation's type.")
            .Resolve(_ => BulkOperationType.Query);
        Field<ShopifyUrlGraphType>("url")
            .Description("The URL that points to the response data in JSONL format. The URL expires 7 days after the operation completes.")
            .Resolve(context => context.Source.UrlOf(context.Source.Progress.Result));
    }
}

internal sealed class BulkOperationStatusGraphType() : ShopifyEnumGraphType<BulkOperationStatus>(
    "BulkOperationStatus", "The valid values for the status of a bulk operation.");

internal sealed class BulkOperationErrorCodeGraphType() : ShopifyEnumGraphType<BulkOperationErrorCode>(
    "BulkOperationErrorCode", "Error codes for failed bulk operations.");

internal sealed class BulkOperationTypeGraphType() : ShopifyEnumGraphType<BulkOperationType>(
    "BulkOperationType", "The valid values for the bulk operation's type.");

internal sealed class BulkOperationUserErrorCodeGraphType() : ShopifyEnumGraphType<BulkOperationUserErrorCode>(
    "BulkOperationUserErrorCode", "Possible error codes that can be returned by `BulkOperationUserError`.");

/// <summary>UserError and BulkOperationUserError: a message and the path to the input it is about; the latter adds a code.</summary>
internal abstract class UserErrorGraphTypeBase : ObjectGraphType<BulkUserError>
{
    protected UserErrorGraphTypeBase(string name, bool withCode)
    {
        Name = name;
        Description = "An error in the input of a mutation.";
        if (withCode)
        {
            Field<BulkOperationUserErrorCodeGraphType>("code").Description("The error code.")
                .Resolve(context => context.Source.Code);
        }

        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field").Description("The path to the input field that caused the error.")
            .Resolve(context => context.Source.Field);
        Field<NonNullGraphType<StringGraphType>>("message").Description("The error message.")
            .Resolve(context => context.Source.Message);
    }
}

internal sealed class UserErrorGraphType() : UserErrorGraphTypeBase("UserError", withCode: false);

internal sealed class BulkOperationUserErrorGraphType() : UserErrorGraphTypeBase("BulkOperationUserError", withCode: true);

/// <summary>The payload of a bulk mutation: the operation and the user errors, typed as each mutation declares them.</summary>
internal abstract class BulkPayloadGraphType<TUserErrorGraphType> : ObjectGraphType<BulkPayload>
    where TUserErrorGraphType : IGraphType
{
    protected BulkPayloadGraphType(string name, string mutation, string operationDescription)
    {
        Name = name;
        Description = $"Return type for `{mutation}` mutation.";
        Field<BulkOperationGraphType>("bulkOperation").Description(operationDescription)
            .Resolve(context => context.Source.BulkOperation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TUserErrorGraphType>>>>("userErrors")
            .Description("The list of errors that occurred from executing the mutation.")
            .Resolve(context => context.Source.UserErrors);
    }
}

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/payloads/BulkOperationRunQueryPayload</summary>
internal sealed class BulkOperationRunQueryPayloadGraphType() : BulkPayloadGraphType<BulkOperationUserErrorGraphType>(
    "BulkOperationRunQueryPayload", "bulkOperationRunQuery", "The newly created bulk operation.");

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/payloads/BulkOperationCancelPayload: its errors are plain UserErrors.</summary>
internal sealed class BulkOperationCancelPayloadGraphType() : BulkPayloadGraphType<UserErrorGraphType>(
    "BulkOperationCancelPayload", "bulkOperationCancel", "The bulk operation to be canceled.");

/// <summary>
/// The bulk fields of the 2025-10 query root: an operation by id through <c>node(id:)</c> (the only kind of node the
/// simulator resolves; <c>bulkOperation(id:)</c> does not exist before 2026-01), and the app's latest.
/// </summary>
internal static class BulkQueryRootFields
{
    public static void AddBulkOperationFields(this ObjectGraphType queryRoot)
    {
        // https://shopify.dev/docs/api/admin-graphql/2025-10/queries/node
        queryRoot.Field<NodeInterfaceGraphType>("node")
            .Description("Returns a specific node (any object that implements the Node interface) by ID.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The ID of the Node to return.")
            .Resolve(context => context.Shop().BulkOperations.Find(context.GetArgument<string>("id")) is { } operation
                ? BulkOperationView.Of(operation, context.Request())
                : null);

        // https://shopify.dev/docs/api/admin-graphql/2025-10/queries/currentBulkOperation; the simulator runs no bulk mutations.
        queryRoot.Field<BulkOperationGraphType>("currentBulkOperation")
            .Description("Returns the current app's most recent BulkOperation.")
            .Argument<BulkOperationTypeGraphType>("type", "The current bulk operation's type.", argument => argument.DefaultValue = BulkOperationType.Query)
            .Resolve(context => context.GetArgument("type", BulkOperationType.Query) == BulkOperationType.Query
                && context.Shop().BulkOperations.CurrentQuery is { } operation
                    ? BulkOperationView.Of(operation, context.Request())
                    : null);
    }
}
