using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Shared.Tenancy;
using ShopIngest.Modules.Sync.Resources;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// A bulk first sync against Shopify's documented bulk answers (tests/ShopifyFixtures/bulk), replayed in front of the
/// simulator for the <c>bulkOperationRunQuery</c> mutation and the <c>node(id:)</c> polls: a shop busy with
/// another export is waited out, an export Shopify fails or cancels is paged instead, a denied one fails only its
/// resource, and one whose result expired (or that Shopify forgot) is exported again.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class BulkAnswersTests(AppHostFixture fixture)
{
    /// <summary>Quick polls, and a threshold the test shops' 400 orders are above: their first sync exports in bulk.</summary>
    private static readonly Dictionary<string, string?> BulkSettings = new()
    {
        ["Sync:BulkThreshold"] = "100",
        ["Sync:BulkPollInitialDelay"] = "00:00:00.050",
        ["Sync:BulkPollMaxDelay"] = "00:00:00.200",
    };

    [Fact]
    public async Task An_export_refused_as_already_in_progress_is_asked_again_after_a_wait_and_then_runs_in_bulk()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 400);
        var shopify = new BulkAnswers { Start = asked => asked == 0 ? "bulk/run-query-operation-in-progress.json" : null };
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings, shopifyAnswers: () => shopify);

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var starts = shopify.Starts;
        Assert.True(starts is [{ Fixture: not null, OperationId: null }, { Fixture: null, OperationId: not null }],
            $"expected the refused start, then one the simulator created; saw {Describe(starts)}");
        var waited = Stopwatch.GetElapsedTime(starts[0].At, starts[1].At);
        Assert.True(waited >= TimeSpan.FromMilliseconds(40),
            $"the export was asked again {waited.TotalMilliseconds:F0} ms after OPERATION_IN_PROGRESS: it must wait (Sync:BulkPollInitialDelay, 50 ms) first");
        await AssertOrdersExportedAsync(tenant, starts[1].OperationId, simulatorExports: 1);
    }

    [Theory]
    [InlineData("bulk/poll-failed-timeout.json", "FAILED", "TIMEOUT")]
    [InlineData("bulk/poll-canceled.json", "CANCELED", "canceled")]
    public async Task An_export_Shopify_fails_or_cancels_is_given_up_for_a_paged_walk_and_the_run_says_why(string answer, string status, string reason)
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 400);
        var shopify = new BulkAnswers { Poll = _ => answer };
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings, shopifyAnswers: () => shopify);

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var run = Assert.Single(await SyncedData.RunModesAsync(fixture, tenant.Id));
        Assert.True(run is { Status: "succeeded", Mode: "paged" }, $"after {answer} the orders run ended {run.Status} in mode {run.Mode}: {run.Error}");
        Assert.Equal(status, run.BulkStatus);
        Assert.True(run.Notice is { } notice && notice.Contains("paged instead", StringComparison.Ordinal) && notice.Contains(reason, StringComparison.Ordinal),
            $"the run's notice must say the history was paged instead, and why ({reason}); it was '{run.Notice}'");
        Assert.True(shopify.Polls.Count == 1, $"the export was polled {shopify.Polls.Count} times: once Shopify said it {status}, it must not be polled again");
        Assert.Empty(await SyncedData.OpenExportsAsync(fixture, tenant.Id));
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    [Fact]
    public async Task An_export_that_fails_with_ACCESS_DENIED_fails_the_orders_run_naming_read_orders_and_the_other_resources_sync()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 150, orders: 400);
        var shopify = new BulkAnswers { Poll = poll => poll.Resource == "orders" ? "bulk/poll-failed-access-denied.json" : null };
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings, shopifyAnswers: () => shopify);

        await engine.SyncAsync(tenant.Id);

        var runs = await SyncedData.RunModesAsync(fixture, tenant.Id);
        var orders = runs.Single(r => r.Resource == "orders");
        Assert.True(orders.Status == "failed", $"the orders run {orders.Status} though Shopify failed its export with ACCESS_DENIED");
        Assert.True(orders.Error?.Contains("read_orders", StringComparison.Ordinal) == true,
            $"the orders run's error must name the missing scope read_orders; it was '{orders.Error}'");
        Assert.True(orders.Notice is null, $"a denied export is a missing scope, not a reason to page instead; the notice was '{orders.Notice}'");
        Assert.Empty(await SyncedData.RecordsAsync(fixture, tenant.Id, "orders"));
        foreach (var (resource, mode) in new[] { ("products", "paged"), ("customers", "bulk") })
        {
            var run = runs.Single(r => r.Resource == resource);
            Assert.True(run.Status == "succeeded" && run.Mode == mode,
                $"the {resource} run must not suffer from the orders export's ACCESS_DENIED; it ended {run.Status} in mode {run.Mode}: {run.Error}");
        }

        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "products", "customers");
    }

    [Theory]
    [InlineData("bulk/poll-expired.json")]
    [InlineData("bulk/poll-unknown-operation.json")]
    public async Task An_export_whose_result_expired_or_that_Shopify_no_longer_knows_is_exported_again(string answer)
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 400);
        var shopify = new BulkAnswers { Poll = poll => poll.Ordinal == 0 ? answer : null };
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings, shopifyAnswers: () => shopify);

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var created = shopify.Created;
        Assert.True(created.Count == 2, $"after {answer} a second export must be started (and only one); saw {Describe(shopify.Starts)}");
        var firstPolls = shopify.Polls.Count(poll => poll.OperationId == created[0]);
        Assert.True(firstPolls == 1, $"the export answered with {answer} was polled {firstPolls} times: it has no result to wait for");
        await AssertOrdersExportedAsync(tenant, created[1], simulatorExports: 2);
    }

    /// <summary>
    /// Every bulk answer replayed (CREATED, RUNNING, COMPLETED) and the result being the hand-written JSONL, served as
    /// Shopify's storage serves it: what lands in PostgreSQL is exactly that file's orders, each with its own line items.
    /// </summary>
    [Fact]
    public async Task A_replayed_export_stores_exactly_the_orders_of_its_result_file_with_their_own_line_items()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 400);
        await using var result = new ResultFile(await File.ReadAllBytesAsync(SourceFixture("bulk/orders.jsonl")));
        var shopify = new BulkAnswers
        {
            Start = _ => "bulk/run-query-created.json",
            Poll = poll => poll.Index == 0 ? "bulk/poll-running.json" : "bulk/poll-completed.json",
            ResultUrl = result.Url,
        };
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings, shopifyAnswers: () => shopify);

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var run = Assert.Single(await SyncedData.RunModesAsync(fixture, tenant.Id));
        Assert.True(run is { Status: "succeeded", Mode: "bulk", BulkStatus: "COMPLETED", BulkObjectCount: 8, BulkRootObjectCount: 3 },
            $"the orders run ended {run.Status} in mode {run.Mode}, export {run.BulkStatus} with {run.BulkObjectCount} objects and {run.BulkRootObjectCount} roots: {run.Error}");
        Assert.Equal("gid://shopify/BulkOperation/720918", run.BulkOperationId);
        var counted = Assert.Single(await SyncedData.RunsAsync(fixture, tenant.Id));
        Assert.True(counted is { RecordsFetched: 3, RecordsSkipped: 1 },
            $"the file holds 3 orders and one line item without an id; the run counted {counted.RecordsFetched} fetched, {counted.RecordsSkipped} skipped");
        Assert.True(result.Downloads == 1, $"the result was downloaded {result.Downloads} times");

        Assert.Equal([5001L, 5002L, 5003L], (await SyncedData.RecordsAsync(fixture, tenant.Id, "orders")).Select(order => order.Id));
        Assert.Equal(
            [(5001L, 9011L, "SOCK-W", 3011L), (5001L, 9012L, "SCARF-1", 3012L), (5002L, 9021L, null, null), (5003L, 9031L, "SWTR-1", 3014L)],
            await LineItemsAsync(tenant.Id));
        Assert.Equal(new DateTimeOffset(2025, 10, 6, 14, 0, 0, TimeSpan.Zero), await SyncedData.CursorAsync(fixture, tenant.Id, "orders"));
        Assert.Equal(0, (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64());
    }

    /// <summary>
    /// The tenant's only run, of orders, succeeded in bulk through <paramref name="operationId"/>; the simulator ran
    /// <paramref name="simulatorExports"/> exports for the shop; no export is left open; the orders equal the shop's.
    /// </summary>
    private async Task AssertOrdersExportedAsync(SyncTestTenant tenant, string? operationId, long simulatorExports)
    {
        var run = Assert.Single(await SyncedData.RunModesAsync(fixture, tenant.Id));
        Assert.True(run is { Status: "succeeded", Mode: "bulk", BulkStatus: "COMPLETED" },
            $"the orders run ended {run.Status} in mode {run.Mode} with export status {run.BulkStatus}: {run.Error}");
        Assert.True(run.BulkOperationId == operationId, $"the run shows export {run.BulkOperationId}, not {operationId}, the one that completed");
        var exports = (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64();
        Assert.True(exports == simulatorExports, $"the simulator ran {exports} exports for the shop, not {simulatorExports}");
        Assert.Empty(await SyncedData.OpenExportsAsync(fixture, tenant.Id));
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    private async Task<List<(long Order, long Item, string? Sku, long? Variant)>> LineItemsAsync(Guid tenantId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await transaction.SetTenantAsync(tenantId);
        // The owner may be a superuser, whom row-level security does not hold: the tenant is named in the query too.
        await using var command = new NpgsqlCommand("""
            SELECT order_shopify_id, shopify_id, sku, variant_shopify_id FROM sales.order_line_items
            WHERE tenant_id = @tenant_id ORDER BY order_shopify_id, shopify_id
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant_id", tenantId);
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<(long, long, string?, long?)>();
        while (await reader.ReadAsync())
        {
            items.Add((reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        }

        return items;
    }

    private static string Describe(IEnumerable<BulkStart> starts) =>
        string.Join("; ", starts.Select(start => $"{start.Resource}: {start.Fixture ?? "simulator"} -> {start.OperationId ?? "no operation"}")) is { Length: > 0 } text
            ? text
            : "no bulkOperationRunQuery at all";

    /// <summary>
    /// A fixture from tests/ShopifyFixtures in the source tree: the test project copies only the <c>*.json</c> ones next
    /// to the tests, not the <c>*.jsonl</c> results.
    /// </summary>
    private static string SourceFixture(string name) =>
        Enumerable.Range(0, 8)
            .Select(levels => Path.GetFullPath(Path.Combine([AppContext.BaseDirectory, .. Enumerable.Repeat("..", levels), "tests", "ShopifyFixtures", name])))
            .FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"tests/ShopifyFixtures/{name} was not found above {AppContext.BaseDirectory}.");

    /// <summary>A bulkOperationRunQuery as the engine sent it: which resource, who answered (a fixture, or the simulator), and the operation it got.</summary>
    private sealed record BulkStart(string Resource, string? Fixture, string? OperationId, long At);

    /// <summary>
    /// A poll of <paramref name="OperationId"/>: the resource it exports, which of that resource's operations it is
    /// (<paramref name="Ordinal"/>, from 0), and how many polls of it came before (<paramref name="Index"/>).
    /// </summary>
    private sealed record BulkPoll(string OperationId, string Resource, int Ordinal, int Index);

    /// <summary>
    /// Answers bulk requests from the hand-written fixtures where the test's script says so, and passes everything else to
    /// the simulator, noting every start and poll. A replayed poll answer takes the polled operation's id (and, with
    /// <see cref="ResultUrl"/>, that result url), so that what the engine stores is what it asked about.
    /// </summary>
    private sealed class BulkAnswers : DelegatingHandler
    {
        private readonly Lock _lock = new();
        private readonly List<BulkStart> _starts = [];
        private readonly List<BulkPoll> _polls = [];
        private readonly Dictionary<string, (string Resource, int Ordinal)> _operations = [];
        private int _startsAsked;

        /// <summary>The fixture that answers the n-th bulkOperationRunQuery (from 0); null lets the simulator answer.</summary>
        public Func<int, string?> Start { get; init; } = _ => null;

        /// <summary>The fixture that answers a poll; null lets the simulator answer.</summary>
        public Func<BulkPoll, string?> Poll { get; init; } = _ => null;

        /// <summary>Where a replayed answer's result url points instead of Shopify's storage.</summary>
        public Uri? ResultUrl { get; init; }

        public IReadOnlyList<BulkStart> Starts
        {
            get
            {
                lock (_lock)
                {
                    return [.. _starts];
                }
            }
        }

        public IReadOnlyList<BulkPoll> Polls
        {
            get
            {
                lock (_lock)
                {
                    return [.. _polls];
                }
            }
        }

        /// <summary>The operations the starts created, in order.</summary>
        public IReadOnlyList<string> Created => [.. Starts.Select(start => start.OperationId).OfType<string>()];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            var query = body["query"]!.GetValue<string>();
            if (query.Contains("bulkOperationRunQuery(", StringComparison.Ordinal))
            {
                return await StartAsync(request, ExportedResource(body["variables"]!["query"]!.GetValue<string>()), cancellationToken);
            }

            return query.Contains("node(id:", StringComparison.Ordinal)
                ? await PollAsync(request, body["variables"]!["id"]!.GetValue<string>(), cancellationToken)
                : await base.SendAsync(request, cancellationToken);
        }

        private async Task<HttpResponseMessage> StartAsync(HttpRequestMessage request, string resource, CancellationToken cancellationToken)
        {
            int asked;
            lock (_lock)
            {
                asked = _startsAsked++;
            }

            var fixture = Start(asked);
            var (status, answer) = fixture is null ? await PassOnAsync(request, cancellationToken) : (HttpStatusCode.OK, ShopifyFixtureText.Read(fixture));
            var operationId = status == HttpStatusCode.OK
                ? JsonNode.Parse(answer)?["data"]?["bulkOperationRunQuery"]?["bulkOperation"]?["id"]?.GetValue<string>()
                : null;
            lock (_lock)
            {
                _starts.Add(new BulkStart(resource, fixture, operationId, Stopwatch.GetTimestamp()));
                if (operationId is not null)
                {
                    _operations[operationId] = (resource, _operations.Values.Count(operation => operation.Resource == resource));
                }
            }

            return Answer(status, answer);
        }

        private async Task<HttpResponseMessage> PollAsync(HttpRequestMessage request, string operationId, CancellationToken cancellationToken)
        {
            BulkPoll poll;
            lock (_lock)
            {
                var (resource, ordinal) = _operations.GetValueOrDefault(operationId, ("(not started through this handler)", -1));
                poll = new BulkPoll(operationId, resource, ordinal, _polls.Count(earlier => earlier.OperationId == operationId));
                _polls.Add(poll);
            }

            if (Poll(poll) is not { } fixture)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var answer = JsonNode.Parse(ShopifyFixtureText.Read(fixture))!;
            if (answer["data"]?["node"] is JsonObject operation)
            {
                operation["id"] = operationId;
                if (ResultUrl is not null && operation["url"] is not null)
                {
                    operation["url"] = ResultUrl.ToString();
                }
            }

            return Answer(HttpStatusCode.OK, answer.ToJsonString());
        }

        private async Task<(HttpStatusCode Status, string Body)> PassOnAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var response = await base.SendAsync(request, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }

        private static HttpResponseMessage Answer(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        /// <summary>The connection a bulk query exports: its top-level field, e.g. <c>orders</c>.</summary>
        private static string ExportedResource(string bulkQuery) =>
            bulkQuery.TrimStart().TrimStart('{').TrimStart().Split([' ', '\n', '\r', '{', '('], 2)[0];
    }

    /// <summary>Serves one file over HTTP on localhost, as Shopify's storage serves an export's result, and counts the downloads.</summary>
    private sealed class ResultFile : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;
        private int _downloads;

        public ResultFile(byte[] content)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            Url = new Uri($"http://127.0.0.1:{port}/bulk-operation-outputs/720918-final.jsonl");
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _serving = ServeAsync(content);
        }

        public Uri Url { get; }

        public int Downloads => Volatile.Read(ref _downloads);

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _serving;
        }

        private async Task ServeAsync(byte[] content)
        {
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Interlocked.Increment(ref _downloads);
                context.Response.ContentType = "application/jsonl";
                context.Response.ContentLength64 = content.Length;
                await context.Response.OutputStream.WriteAsync(content);
                context.Response.Close();
            }
        }
    }
}
