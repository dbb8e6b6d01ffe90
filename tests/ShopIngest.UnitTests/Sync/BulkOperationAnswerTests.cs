using System.Text.Json.Nodes;
using ShopIngest.Modules.Sync.Shopify;
using static ShopIngest.UnitTests.Sync.ScriptedShopify;

namespace ShopIngest.UnitTests.Sync;

/// <summary>
/// How <c>bulkOperationRunQuery</c> and <c>node(id:)</c> poll answers are read, against the answers written by hand
/// from shopify.dev (tests/ShopifyFixtures/bulk): what BulkExporter decides on (status, error code, the refusal's code)
/// must come out of them exactly, and the counts Shopify sends as strings (UnsignedInt64) must read as numbers.
/// </summary>
public sealed class BulkOperationAnswerTests
{
    private const string ExportQuery = "{ orders { edges { node { id updatedAt } } } }";

    private static readonly DateTimeOffset CreatedAt = new(2025, 10, 6, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_created_export_is_taken_with_its_id_and_the_query_was_sent_ungrouped()
    {
        var shopify = Answering("bulk/run-query-created.json");

        var start = await new ShopifyBulkOperations(ShopifyClients.Create(shopify, new SleeplessTime()))
            .StartAsync(ShopifyClients.Shop, ExportQuery, CancellationToken.None);

        Assert.True(start is { ShopBusy: false, Refusal: null }, $"a created export was read as busy {start.ShopBusy}, refused '{start.Refusal}'");
        var operation = start.Operation ?? throw new Xunit.Sdk.XunitException("the created operation was not read from the answer");
        Assert.True(operation is { Id: "gid://shopify/BulkOperation/720918", Status: "CREATED", ObjectCount: 0, RootObjectCount: 0, Url: null },
            $"the created operation was read as {operation.Id} {operation.Status}, {operation.ObjectCount} objects, url {operation.Url}");
        Assert.Equal(CreatedAt, operation.CreatedAt);

        var request = JsonNode.Parse(Assert.Single(shopify.Requests).Body)!;
        Assert.Contains("groupObjects: false", request["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ExportQuery, request["variables"]!["query"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_export_refused_because_another_is_in_progress_is_read_as_a_busy_shop_not_as_a_refusal()
    {
        var start = await StartAsync("bulk/run-query-operation-in-progress.json");

        Assert.True(start.ShopBusy, "OPERATION_IN_PROGRESS must be read as a shop busy with another export, to be waited out");
        Assert.True(start.Refusal is null && start.Operation is null,
            $"OPERATION_IN_PROGRESS must not be read as a refusal ('{start.Refusal}') nor as an operation ({start.Operation?.Id})");
    }

    [Fact]
    public async Task An_invalid_export_query_is_read_as_a_refusal_with_its_code_and_message()
    {
        var start = await StartAsync("bulk/run-query-invalid.json");

        Assert.False(start.ShopBusy, "an INVALID query is not a busy shop: waiting would never help");
        Assert.Null(start.Operation);
        Assert.StartsWith("INVALID: Invalid bulk query", start.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bulk/poll-running.json", "RUNNING", null, 1520L, 402L)]
    [InlineData("bulk/poll-completed.json", "COMPLETED", null, 8L, 3L)]
    [InlineData("bulk/poll-failed-access-denied.json", "FAILED", "ACCESS_DENIED", 0L, 0L)]
    [InlineData("bulk/poll-failed-timeout.json", "FAILED", "TIMEOUT", 11250L, 2804L)]
    [InlineData("bulk/poll-canceled.json", "CANCELED", null, 310L, 77L)]
    [InlineData("bulk/poll-expired.json", "EXPIRED", null, 8L, 3L)]
    public async Task A_poll_is_read_with_its_status_error_code_and_the_counts_Shopify_sends_as_strings(
        string fixture, string status, string? errorCode, long objects, long roots)
    {
        var (operation, shop, _) = await PollAsync(fixture);

        var read = operation ?? throw new Xunit.Sdk.XunitException($"{fixture}: the operation was not read from the answer");
        Assert.True(read.Status == status && read.ErrorCode == errorCode, $"{fixture}: read as {read.Status} ({read.ErrorCode ?? "no error code"})");
        Assert.True(read.ObjectCount == objects && read.RootObjectCount == roots,
            $"{fixture}: objectCount and rootObjectCount were read as {read.ObjectCount} and {read.RootObjectCount}, not {objects} and {roots}");
        Assert.Equal("gid://shopify/BulkOperation/720918", read.Id);
        Assert.Equal(CreatedAt, read.CreatedAt);
        Assert.True(shop is { CurrencyCode: "USD", IanaTimezone: "America/New_York" }, $"{fixture}: the shop's details were not read");
    }

    [Fact]
    public async Task A_completed_export_gives_the_url_of_its_result_and_a_timed_out_one_only_a_partial_one()
    {
        var (completed, _, _) = await PollAsync("bulk/poll-completed.json");
        var (timedOut, _, _) = await PollAsync("bulk/poll-failed-timeout.json");

        Assert.True(completed?.Url is { } url && url.StartsWith("https://", StringComparison.Ordinal) && completed.PartialDataUrl is null,
            $"a COMPLETED export must give its result's url and no partial one; read url '{completed?.Url}', partial '{completed?.PartialDataUrl}'");
        Assert.True(timedOut?.Url is null && timedOut?.PartialDataUrl is { Length: > 0 },
            $"a FAILED (TIMEOUT) export has only a partialDataUrl; read url '{timedOut?.Url}', partial '{timedOut?.PartialDataUrl}'");
    }

    [Fact]
    public async Task An_operation_Shopify_does_not_know_is_read_as_none_with_the_shop_still_read()
    {
        var (operation, shop, _) = await PollAsync("bulk/poll-unknown-operation.json");

        Assert.True(operation is null, $"node was null, but an operation {operation?.Id} {operation?.Status} was read");
        Assert.Equal("America/New_York", shop?.IanaTimezone);
    }

    private static ScriptedShopify Answering(string fixture) => new(() => Json(ShopifyFixtures.Read(fixture)));

    private static Task<BulkStart> StartAsync(string fixture) =>
        new ShopifyBulkOperations(ShopifyClients.Create(Answering(fixture), new SleeplessTime()))
            .StartAsync(ShopifyClients.Shop, ExportQuery, CancellationToken.None);

    private static Task<(BulkOperationNode? Operation, ShopDetails? Shop, ShopifyUsage Usage)> PollAsync(string fixture) =>
        new ShopifyBulkOperations(ShopifyClients.Create(Answering(fixture), new SleeplessTime()))
            .PollAsync(ShopifyClients.Shop, "gid://shopify/BulkOperation/720918", CancellationToken.None);
}
