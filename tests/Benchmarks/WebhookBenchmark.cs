using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ShopIngest.Benchmarks;

/// <summary>
/// Webhook intake and freshness against the real Host (its own process) and PostgreSQL:
/// 1. intake: signed orders/create deliveries from <c>--senders</c> concurrent senders to <c>--shops</c> shops for
///    <c>--intake-seconds</c>; each counts once its 200 came back, which the Host gives only after the delivery is
///    committed to the inbox: the capacity in deliveries per second (its latencies are mostly the senders' queue);
/// 2. paced: <c>--paced-rate</c> deliveries a second on a fixed schedule for <c>--paced-seconds</c> (after <c>--paced-warm-up-seconds</c> of the same schedule, not measured), as Shopify sends them
///    (a slow answer delays no later delivery): the rate accepted and the answer's p50/p99 at that rate;
/// 3. freshness: while other shops keep receiving <c>--background-rate</c> deliveries per second, one order at a time
///    to a probe shop, timed from the send to the order showing in that shop's <c>stats</c>: p50/p95/max.
/// The deliveries are signed with the app-wide secret (Shopify:WebhookSecret), as a public app's are.
/// </summary>
internal static class WebhookBenchmark
{
    private const string Secret = "shpss_benchmark_app_wide_secret";
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string ownerConnectionString, int? postgresProcessId, BenchmarkOptions options)
    {
        var shops = options.Number("--shops", 20);
        var senders = options.Number("--senders", 32);
        var intakeSeconds = options.Number("--intake-seconds", 30);
        var backgroundRate = options.Number("--background-rate", 300);
        var probes = options.Number("--probes", 200);
        var lineItems = options.Number("--line-items", 3);

        await using var host = await HostProcess.StartAsync(ownerConnectionString, new Dictionary<string, string>
        {
            ["Shopify__WebhookSecret"] = Secret,
        });
        var runId = Guid.NewGuid().ToString("N")[..8];
        var domains = new List<string>();
        for (var i = 0; i < shops; i++)
        {
            var domain = $"hooks-{runId}-{i}.myshopify.com";
            await host.SignUpAsync(domain);
            domains.Add(domain);
        }

        var probeDomain = $"hooks-{runId}-probe.myshopify.com";
        var (_, probeClient) = await host.SignUpAsync(probeDomain);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = senders * 2 }) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        var body = OrderBody(lineItems, 1, DateTimeOffset.UtcNow);
        Console.WriteLine($"Webhook intake: {shops} shops, {senders} senders, {intakeSeconds} s, orders/create bodies of {Encoding.UTF8.GetByteCount(body):N0} bytes ({lineItems} line items)");

        // Warm-up: the JIT, the connection pools.
        await SendForAsync(http, domains, senders, TimeSpan.FromSeconds(5), lineItems);

        await WaitForInboxAsync(ownerConnectionString, TimeSpan.FromMinutes(10));
        var topStatements = options.Number("--top-statements", 0);
        if (topStatements > 0)
        {
            await StatementTimes.ResetAsync(ownerConnectionString);
        }

        var cpuBefore = Cpu(host.ProcessId, postgresProcessId);
        var intake = await SendForAsync(http, domains, senders, TimeSpan.FromSeconds(intakeSeconds), lineItems);
        var sorted = intake.Latencies.Order().ToArray();
        Console.WriteLine(string.Create(Culture,
            $"  accepted {intake.Accepted:N0} deliveries in {intake.Elapsed.TotalSeconds:F1} s: {intake.Accepted / intake.Elapsed.TotalSeconds:N0}/s; " +
            $"answer p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms; refused {intake.Refused}"));
        Console.WriteLine("  waiting for the processor to apply the backlog...");
        var drained = Stopwatch.StartNew();
        await WaitForInboxAsync(ownerConnectionString, TimeSpan.FromMinutes(10));
        Console.WriteLine(string.Create(Culture, $"  backlog applied {drained.Elapsed.TotalSeconds:F1} s after the last delivery"));
        if (topStatements > 0)
        {
            await StatementTimes.PrintAsync(ownerConnectionString, topStatements, intake.Accepted, "delivery");
        }

        // What a delivery costs, received and applied: CPU time of each process over the intake and its backlog.
        var cpu = Cpu(host.ProcessId, postgresProcessId).Select((share, i) => (share.Name, Seconds: (share.Cpu - cpuBefore[i].Cpu).TotalSeconds)).ToArray();
        Console.WriteLine(string.Create(Culture, $"  CPU per delivery, received and applied: {string.Join(", ", cpu.Select(c => $"{c.Name} {c.Seconds * 1000 / intake.Accepted:F2} ms"))}"));
        if (postgresProcessId is not null)
        {
            var serverMs = cpu.Where(c => c.Name != "senders").Sum(c => c.Seconds) * 1000 / intake.Accepted;
            Console.WriteLine(string.Create(Culture,
                $"  the Host and PostgreSQL together: {serverMs:F2} ms of CPU a delivery, {2000 / serverMs:N0} deliveries/s on two cores of their own"));
        }

        // Latency at the target rate: deliveries sent on a fixed schedule, whatever the answers (as Shopify does), so
        // that a slow answer delays no later delivery. Saturated senders above measure capacity; their latency is only
        // how many of them wait in line.
        var pacedRate = options.Number("--paced-rate", 1000);
        var paced = await SendPacedAsync(http, domains, pacedRate, TimeSpan.FromSeconds(options.Number("--paced-warm-up-seconds", 3)),
            TimeSpan.FromSeconds(options.Number("--paced-seconds", 20)), lineItems);
        var pacedSorted = paced.Latencies.Order().ToArray();
        var pacedAccepted = paced.Accepted / paced.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Culture,
            $"  paced at {pacedRate:N0}/s: accepted {paced.Accepted:N0} in {paced.Elapsed.TotalSeconds:F1} s = {pacedAccepted:N0}/s; " +
            $"answer p50 {Percentile(pacedSorted, 0.50):F1} ms, p99 {Percentile(pacedSorted, 0.99):F1} ms, max {pacedSorted[^1]:F1} ms; refused {paced.Refused}"));
        await PrintAutovacuumAsync(ownerConnectionString, paced.MeasuredFrom);
        await WaitForInboxAsync(ownerConnectionString, TimeSpan.FromMinutes(10));

        // Freshness under a steady background load on the other shops.
        using var stopBackground = new CancellationTokenSource();
        var background = BackgroundAsync(http, domains, backgroundRate, lineItems, stopBackground.Token);
        var freshness = new List<double>();
        var probing = Stopwatch.StartNew();
        for (var probe = 1; probe <= probes; probe++)
        {
            var clock = Stopwatch.StartNew();
            var status = await SendAsync(http, probeDomain, OrderBody(lineItems, 9_000_000_000_000_000 + probe, DateTimeOffset.UtcNow));
            if (status != 200)
            {
                throw new InvalidOperationException($"The probe delivery was refused with {status}.");
            }

            while ((await HostProcess.GraphQLAsync(probeClient, "{ stats { totalOrders } }")).GetProperty("stats").GetProperty("totalOrders").GetInt64() < probe)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(1))
                {
                    throw new TimeoutException($"Probe order {probe} did not show in stats within a minute.");
                }

                await Task.Delay(5);
            }

            freshness.Add(clock.Elapsed.TotalMilliseconds);
        }

        probing.Stop();
        await stopBackground.CancelAsync();
        var backgroundSent = await background;
        var fresh = freshness.Order().ToArray();
        Console.WriteLine(string.Create(Culture,
            $"Freshness (delivery sent to order in stats), {probes} probes while {backgroundSent / probing.Elapsed.TotalSeconds:N0} deliveries/s went to other shops: " +
            $"p50 {Percentile(fresh, 0.50):F0} ms, p95 {Percentile(fresh, 0.95):F0} ms, max {fresh[^1]:F0} ms"));

        var ok = pacedAccepted >= 0.99 * pacedRate && pacedRate >= 1000 && Percentile(pacedSorted, 0.99) < 50 && Percentile(fresh, 0.95) < 2000;
        Console.WriteLine(ok ? "Targets met: >= 1,000 deliveries/s accepted with p99 < 50 ms, freshness p95 < 2 s." : "Targets NOT met: >= 1,000 deliveries/s accepted with p99 < 50 ms, freshness p95 < 2 s.");
        return 0;
    }

    private static (string Name, TimeSpan Cpu)[] Cpu(int hostProcessId, int? postgresProcessId) =>
    [
        ("Host", CpuMeter.ProcessTree(hostProcessId)),
        .. postgresProcessId is { } postgres ? new[] { ("PostgreSQL", CpuMeter.ProcessTree(postgres)) } : [],
        ("senders", Process.GetCurrentProcess().TotalProcessorTime),
    ];

    private sealed record IntakeResult(long Accepted, long Refused, TimeSpan Elapsed, ConcurrentBag<double> Latencies)
    {
        /// <summary>When the measured part began (after any warm-up).</summary>
        public DateTimeOffset MeasuredFrom { get; init; }
    }

    /// <summary>Every sender sends deliveries back to back, round robin over the shops, until <paramref name="duration"/> is over.</summary>
    private static async Task<IntakeResult> SendForAsync(HttpClient http, List<string> domains, int senders, TimeSpan duration, int lineItems)
    {
        long accepted = 0, refused = 0, next = 0;
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref next);
                var payload = OrderBody(lineItems, 1_000_000_000_000 + n + (Stopwatch.GetTimestamp() % 1000 * 1_000_000_000), DateTimeOffset.UtcNow);
                var started = Stopwatch.GetTimestamp();
                var status = await SendAsync(http, domains[(int)(n % domains.Count)], payload);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref status == 200 ? ref accepted : ref refused);
            }
        }));
        return new IntakeResult(accepted, refused, clock.Elapsed, latencies);
    }

    /// <summary>
    /// Delivery n sent at n ÷ <paramref name="perSecond"/> seconds, without waiting for earlier answers (at most 1,000 in
    /// flight, past which the schedule slips and the accepted rate shows it). The first <paramref name="warmUp"/> of the
    /// schedule is sent but not measured: the step from the saturated senders to this schedule (new code in the senders,
    /// their thread pool settling) is not what the measure is about.
    /// </summary>
    private static async Task<IntakeResult> SendPacedAsync(HttpClient http, List<string> domains, int perSecond, TimeSpan warmUp, TimeSpan duration, int lineItems)
    {
        long accepted = 0, refused = 0;
        var latencies = new ConcurrentBag<double>();
        using var inFlight = new SemaphoreSlim(1000);
        var sends = new List<Task>();

        // Every body built and signed beforehand: on these shared cores the senders' work would be taken from the Host's.
        var deliveries = Enumerable.Range(0, (int)Math.Ceiling((warmUp + duration).TotalSeconds * perSecond))
            .Select(n => Prepare(domains[n % domains.Count], OrderBody(lineItems, 3_000_000_000_000 + n, DateTimeOffset.UtcNow)))
            .ToList();
        var clock = Stopwatch.StartNew();
        var measuredFrom = DateTimeOffset.UtcNow + warmUp;
        for (var n = 0; n < deliveries.Count; n++)
        {
            var due = TimeSpan.FromSeconds(n / (double)perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            await inFlight.WaitAsync();
            var delivery = deliveries[n];
            var measured = due >= warmUp;
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    var status = await SendAsync(http, delivery);
                    if (measured)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        Interlocked.Increment(ref status == 200 ? ref accepted : ref refused);
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(sends);
        return new IntakeResult(accepted, refused, clock.Elapsed - warmUp, latencies) { MeasuredFrom = measuredFrom };
    }

    /// <summary>About <paramref name="perSecond"/> deliveries a second to the shops until cancelled; returns how many went.</summary>
    private static async Task<long> BackgroundAsync(HttpClient http, List<string> domains, int perSecond, int lineItems, CancellationToken stop)
    {
        long sent = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async sender =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var due = TimeSpan.FromSeconds(Interlocked.Increment(ref sent) / (double)perSecond);
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed, stop);
                    }

                    await SendAsync(http, domains[(int)(sent % domains.Count)], OrderBody(lineItems, 2_000_000_000_000 + sent, DateTimeOffset.UtcNow));
                }
            }));
        }
        catch (OperationCanceledException)
        {
            // The probes are done.
        }

        return sent;
    }

    private static Task<int> SendAsync(HttpClient http, string shop, string body) => SendAsync(http, Prepare(shop, body));

    /// <summary>A delivery's body and signature, made before it is due when the senders must stay light.</summary>
    private sealed record PreparedDelivery(string Shop, byte[] Body, string Signature);

    private static PreparedDelivery Prepare(string shop, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new PreparedDelivery(shop, bytes, Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), bytes)));
    }

    private static async Task<int> SendAsync(HttpClient http, PreparedDelivery delivery)
    {
        var (shop, bytes, signature) = delivery;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", "orders/create");
        request.Headers.Add("X-Shopify-Shop-Domain", shop);
        request.Headers.Add("X-Shopify-API-Version", "2025-10");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O", Culture));
        request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>An orders/create body as Shopify sends it, cut to the fields ShopIngest reads and a few it does not.</summary>
    private static string OrderBody(int lineItems, long id, DateTimeOffset at)
    {
        var time = at.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", Culture);
        var items = new JsonArray();
        for (var i = 0; i < lineItems; i++)
        {
            items.Add(new JsonObject
            {
                ["id"] = (id * 10) + i,
                ["admin_graphql_api_id"] = $"gid://shopify/LineItem/{(id * 10) + i}",
                ["name"] = $"Product {i} - Small",
                ["title"] = $"Product {i}",
                ["quantity"] = 1 + i,
                ["sku"] = $"SKU-{i}",
                ["price"] = "19.99",
                ["price_set"] = Money("19.99"),
                ["product_id"] = 7_100_000_000_000 + i,
                ["variant_id"] = 44_100_000_000_000 + i,
                ["product_exists"] = true,
                ["total_discount"] = "0.00",
                ["tax_lines"] = new JsonArray(),
                ["discount_allocations"] = new JsonArray(),
            });
        }

        var total = (19.99m * Enumerable.Range(1, lineItems).Sum()).ToString("0.00", Culture);
        return new JsonObject
        {
            ["id"] = id,
            ["admin_graphql_api_id"] = $"gid://shopify/Order/{id}",
            ["name"] = $"#{id % 1_000_000}",
            ["email"] = $"buyer{id % 10_000}@example.com",
            ["created_at"] = time,
            ["processed_at"] = time,
            ["updated_at"] = time,
            ["cancelled_at"] = null,
            ["cancel_reason"] = null,
            ["test"] = false,
            ["currency"] = "USD",
            ["presentment_currency"] = "USD",
            ["financial_status"] = "paid",
            ["fulfillment_status"] = null,
            ["total_price"] = total,
            ["total_price_set"] = Money(total),
            ["subtotal_price"] = total,
            ["subtotal_price_set"] = Money(total),
            ["current_total_price"] = total,
            ["current_total_price_set"] = Money(total),
            ["customer"] = new JsonObject { ["id"] = 8_200_000_000_000 + (id % 500), ["email"] = $"buyer{id % 10_000}@example.com" },
            ["line_items"] = items,
            ["refunds"] = new JsonArray(),
            ["tags"] = "",
            ["note_attributes"] = new JsonArray(),
        }.ToJsonString();
    }

    private static JsonObject Money(string amount) => new()
    {
        ["shop_money"] = new JsonObject { ["amount"] = amount, ["currency_code"] = "USD" },
        ["presentment_money"] = new JsonObject { ["amount"] = amount, ["currency_code"] = "USD" },
    };

    /// <summary>Waits until no delivery of any shop is left to apply (as the owner, who sees every shop).</summary>
    private static async Task ExecuteAsync(string ownerConnectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Which tables PostgreSQL's autovacuum vacuumed or analysed since <paramref name="since"/>: on these two cores its
    /// work competes with the intake, and a round of it inside the paced window sets that window's p99.
    /// </summary>
    private static async Task PrintAutovacuumAsync(string ownerConnectionString, DateTimeOffset since)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT string_agg(work, ', ' ORDER BY work) FROM (
                SELECT 'vacuum of ' || schemaname || '.' || relname AS work FROM pg_stat_user_tables WHERE last_autovacuum >= @since
                UNION ALL
                SELECT 'analyze of ' || schemaname || '.' || relname FROM pg_stat_user_tables WHERE last_autoanalyze >= @since) AS runs
            """, connection);
        command.Parameters.AddWithValue("since", since);
        var work = await command.ExecuteScalarAsync() as string;
        Console.WriteLine($"  autovacuum during the paced window: {work ?? "none"}");
    }

    private static async Task WaitForInboxAsync(string ownerConnectionString, TimeSpan timeout)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM sync.webhook_inbox WHERE processed_at IS NULL", connection);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("The inbox still has deliveries to apply.");
            }

            await Task.Delay(100);
        }
    }

    private static double Percentile(double[] sorted, double share) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];
}
