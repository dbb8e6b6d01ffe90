using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using ShopIngest.Modules.Sales;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Benchmarks;

/// <summary>
/// Issue 6: dashboard queries over HTTP through the real Host's /graphql at a million orders, against the
/// baseline of computing the same answers by aggregating the orders table on every request.
/// </summary>
internal static class AnalyticsBenchmark
{
    private const string StatsQuery = "{ stats { totalRevenue totalOrders averageOrderValue totalCustomers currency } }";
    private const string TopCustomersQuery = "{ topCustomers(first: 5) { shopifyId amountSpent } }";
    private static readonly DateOnly Today = new(2025, 11, 1);
    private static readonly string SalesByDateQuery =
        $$"""{ salesByDate(from: "{{Today.AddDays(-364):yyyy-MM-dd}}", to: "{{Today:yyyy-MM-dd}}") { date orders revenue } }""";

    public static async Task<int> RunAsync(string ownerConnectionString, int bigShopOrders, int otherShops, int otherShopOrders, TimeSpan loadDuration)
    {
        var culture = CultureInfo.InvariantCulture;
        await using var host = await HostProcess.StartAsync(ownerConnectionString);
        var shops = new List<(Guid TenantId, HttpClient Client)>();
        for (var i = 0; i <= otherShops; i++)
        {
            shops.Add(await host.SignUpAsync($"analytics-{Guid.NewGuid():N}"[..24] + ".myshopify.com"));
        }

        await using var loader = IngestLoader.Create(ownerConnectionString);
        var clock = Stopwatch.StartNew();
        await loader.LoadShopAsync(shops[0].TenantId, bigShopOrders, customers: bigShopOrders / 10, seed: 1);
        for (var i = 1; i < shops.Count; i++)
        {
            await loader.LoadShopAsync(shops[i].TenantId, otherShopOrders, customers: otherShopOrders / 10, seed: i + 1);
        }

        var total = bigShopOrders + (otherShops * otherShopOrders);
        Console.WriteLine(string.Create(culture, $"Loaded {total:N0} orders through the ingest contracts in {clock.Elapsed.TotalSeconds:F0} s ({total / clock.Elapsed.TotalSeconds:N0} orders/s)"));
        await loader.AnalyzeAsync();

        var big = shops[0];
        var baseline = new AggregatingBaseline(loader.RuntimeDataSource, big.TenantId);
        (string Name, Func<Task> Ask, Func<Task> Baseline)[] questions =
        [
            ("stats", () => AskAsync(big.Client, StatsQuery), baseline.StatsAsync),
            ("salesByDate (365 days)", () => AskAsync(big.Client, SalesByDateQuery), baseline.SalesByDateAsync),
            ("topCustomers", () => AskAsync(big.Client, TopCustomersQuery), baseline.TopCustomersAsync),
        ];

        // Steady state, as a dashboard sees it: JIT, connection pools and caches warmed by every query first.
        foreach (var (_, ask, _) in questions)
        {
            for (var i = 0; i < 50; i++)
            {
                await ask();
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(culture, $"| query, {bigShopOrders:N0} orders | p50 | p95 | baseline p50 | baseline p95 |"));
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, ask, aggregate) in questions)
        {
            var ours = await LatenciesAsync(ask, 200);
            var theirs = await LatenciesAsync(aggregate, 20);
            Console.WriteLine(string.Create(culture, $"| {name} | {ours.P50:F2} ms | **{ours.P95:F2} ms** | {theirs.P50:F1} ms | {theirs.P95:F1} ms |"));
        }

        var mixed = await ThroughputAsync(questions.Select(q => q.Ask).ToArray(), loadDuration);
        var mixedBaseline = await ThroughputAsync(questions.Select(q => q.Baseline).ToArray(), loadDuration);
        Console.WriteLine();
        Console.WriteLine("| mixed dashboard load, 8 concurrent clients on loopback | requests/s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(culture, $"| ShopIngest over HTTP /graphql | **{mixed:N0}** |"));
        Console.WriteLine(string.Create(culture, $"| baseline: aggregate the orders table per request (SQL only, no HTTP) | {mixedBaseline:N0} |"));
        Console.WriteLine(string.Create(culture, $"| ratio | **{mixed / mixedBaseline:N1}×** (target ≥ 10×) |"));
        return 0;
    }

    private static async Task AskAsync(HttpClient client, string query)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || body.TryGetProperty("errors", out _))
        {
            throw new InvalidOperationException($"{query} failed: {body}");
        }
    }

    private static async Task<(double P50, double P95)> LatenciesAsync(Func<Task> ask, int samples)
    {
        for (var i = 0; i < 5; i++)
        {
            await ask();
        }

        var timings = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ask();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        timings.Sort();
        return (timings[samples / 2], timings[(int)Math.Ceiling(samples * 0.95) - 1]);
    }

    private static async Task<double> ThroughputAsync(Func<Task>[] mix, TimeSpan duration)
    {
        const int clients = 8;
        long completed = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                await mix[i % mix.Length]();
                Interlocked.Increment(ref completed);
            }
        }));
        return completed / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The seed's approach: every dashboard request aggregates the shop's orders.</summary>
    private sealed class AggregatingBaseline(NpgsqlDataSource runtime, Guid tenantId)
    {
        public Task StatsAsync() => QueryAsync("""
            SELECT sum(current_total_price), sum(total_price), count(*), (SELECT count(*) FROM sales.customers WHERE tenant_id = $1)
            FROM sales.orders WHERE tenant_id = $1 AND NOT test AND cancelled_at IS NULL
            """);

        public Task SalesByDateAsync() => QueryAsync($"""
            SELECT day::date, count(o.shopify_id), coalesce(sum(o.current_total_price), 0)
            FROM generate_series('{Today.AddDays(-364):yyyy-MM-dd}'::date, '{Today:yyyy-MM-dd}'::date, interval '1 day') AS day
            LEFT JOIN sales.orders o ON o.tenant_id = $1 AND NOT o.test AND o.cancelled_at IS NULL
                AND (o.processed_at AT TIME ZONE 'UTC')::date = day::date
            GROUP BY day ORDER BY day
            """);

        public Task TopCustomersAsync() => QueryAsync("""
            SELECT customer_shopify_id, sum(current_total_price) AS spent, count(*) AS orders
            FROM sales.orders WHERE tenant_id = $1 AND NOT test AND cancelled_at IS NULL AND customer_shopify_id IS NOT NULL
            GROUP BY customer_shopify_id ORDER BY spent DESC, orders DESC, customer_shopify_id LIMIT 5
            """);

        private async Task QueryAsync(string sql)
        {
            await using var connection = await runtime.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await transaction.SetTenantAsync(tenantId);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }
    }

    /// <summary>Writes generated shops through the Sales module's own ingest contracts, a page per transaction.</summary>
    private sealed class IngestLoader(IHost host, string ownerConnectionString) : IAsyncDisposable
    {
        private const int PageSize = 250;

        public NpgsqlDataSource RuntimeDataSource => host.Services.GetRequiredService<NpgsqlDataSource>();

        public static IngestLoader Create(string ownerConnectionString)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{ModuleDatabase.ConnectionName}", ownerConnectionString)]);
            builder.AddSalesModule();
            return new IngestLoader(builder.Build(), ownerConnectionString);
        }

        public async Task LoadShopAsync(Guid tenantId, int orders, int customers, int seed)
        {
            var random = new Random(seed);
            var start = new DateTimeOffset(Today.AddDays(-730).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var customerIngest = host.Services.GetRequiredService<ICustomerIngest>();
            var orderIngest = host.Services.GetRequiredService<IOrderIngest>();
            for (var first = 1; first <= customers; first += PageSize)
            {
                var page = Enumerable.Range(first, Math.Min(PageSize, customers - first + 1)).Select(id => new CustomerRecord
                {
                    ShopifyId = id,
                    DisplayName = $"Customer {id}",
                    Email = $"customer{id}@example.com",
                    AmountSpent = Math.Round((decimal)(random.NextDouble() * 5000), 2),
                    NumberOfOrders = random.Next(0, 40),
                    CreatedAt = start,
                    UpdatedAt = start,
                }).ToList();
                await InTransactionAsync(tenantId, tx => customerIngest.UpsertAsync(tx, page));
            }

            // Two pages at a time: the loader is not what is being measured, but it should not take all day.
            var pages = Enumerable.Range(0, (orders + PageSize - 1) / PageSize).ToList();
            await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (pageNumber, _) =>
            {
                var pageRandom = new Random(HashCode.Combine(seed, pageNumber));
                var page = Enumerable.Range((pageNumber * PageSize) + 1, Math.Min(PageSize, orders - (pageNumber * PageSize))).Select(id =>
                {
                    var processedAt = start.AddMinutes(pageRandom.Next(0, 730 * 24 * 60));
                    var total = Math.Round((decimal)(10 + (pageRandom.NextDouble() * 290)), 2);
                    return new OrderRecord
                    {
                        ShopifyId = id,
                        Name = $"#{id}",
                        CustomerShopifyId = pageRandom.Next(0, 10) == 0 ? null : pageRandom.Next(1, customers + 1),
                        CreatedAt = processedAt,
                        ProcessedAt = processedAt,
                        UpdatedAt = processedAt,
                        Test = pageRandom.Next(0, 50) == 0,
                        CancelledAt = pageRandom.Next(0, 25) == 0 ? processedAt.AddDays(1) : null,
                        DisplayFinancialStatus = "PAID",
                        CurrencyCode = "USD",
                        TotalPrice = total,
                        SubtotalPrice = total,
                        CurrentTotalPrice = pageRandom.Next(0, 20) == 0 ? Math.Round(total / 2, 2) : total,
                        LineItems = [new LineItemRecord { ShopifyId = id, Title = "Item", Quantity = 1, OriginalUnitPrice = total }],
                    };
                }).ToList();
                await InTransactionAsync(tenantId, tx => orderIngest.UpsertAsync(tx, page, "UTC"));
            });
        }

        /// <summary>Vacuumed, with fresh planner statistics, as autovacuum leaves tables after a real first sync.</summary>
        public async Task AnalyzeAsync()
        {
            await using var owner = new NpgsqlConnection(ownerConnectionString);
            await owner.OpenAsync();
            await using var command = new NpgsqlCommand("VACUUM ANALYZE sales.orders, sales.customers, sales.daily_sales, sales.tenant_totals", owner) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }

        private async Task InTransactionAsync(Guid tenantId, Func<IngestTransaction, Task<IngestResult>> write)
        {
            await using var connection = await RuntimeDataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await transaction.SetTenantAsync(tenantId);
            await write(new IngestTransaction(connection, transaction, tenantId));
            await transaction.CommitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            host.Dispose();
            await Task.CompletedTask;
        }
    }
}
