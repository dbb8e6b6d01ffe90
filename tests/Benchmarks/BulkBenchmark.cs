using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ShopIngest.Benchmarks;

/// <summary>
/// Issue 14: the first sync of a Standard-plan shop through a bulk export against the paged walk (timed over a window
/// and extrapolated), the ingest side alone against a plain COPY of the same rows, and the Host's peak working set
/// while it ingests a million orders. The first syncs and the million orders go through the real Host, as a process of
/// its own started with <c>syncAll</c> (the three resources side by side, as a merchant's "Sync now"); the ingest alone
/// runs in this process, where its spans can be timed.
/// </summary>
internal static class BulkBenchmark
{
    /// <summary>What a Standard-plan bucket gives back a second; the bucket holds 2,000.</summary>
    private const double RestoreRate = 100;

    /// <summary>
    /// Records per write of the paged Host: each resource then commits, with the points its records cost, several times
    /// within the window, orders included, whose share of the bucket buys a few hundred a minute. How many records a
    /// transaction holds changes when points are recorded, not what Shopify charges for them.
    /// </summary>
    private const int PagedWriteBatch = 50;

    /// <summary>The export rate of shops whose export time is not measured.</summary>
    private const int FastExport = 200_000;

    private const string RunFields = "resource mode status error notice bulkStatus bulkObjectCount bulkRootObjectCount expectedRecords " +
        "recordsFetched recordsUpserted apiPointsSpent throttleWaitMs startedAt finishedAt";

    private static readonly string[] Resources = ["products", "customers", "orders"];
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string ownerConnectionString, SimulatorProcess simulator, BenchmarkOptions options)
    {
        var (products, customers, orders) = (options.Products, options.Customers, options.Orders);
        var window = TimeSpan.FromSeconds(options.Number("--paged-window-seconds", 180));
        var millionOrders = options.Number("--million-orders", 1_000_000);
        var millionExportRate = options.Number("--million-export-rate", FastExport);
        var millionTimeout = TimeSpan.FromMinutes(options.Number("--million-timeout-minutes", 30));
        var warmUpRounds = options.Number("--warm-up-rounds", 2);
        var totals = new Dictionary<string, long> { ["products"] = products, ["customers"] = customers, ["orders"] = orders };

        var runId = Guid.NewGuid().ToString("N")[..8];
        var bulkShop = $"bench-bulk-{runId}.myshopify.com";
        var pagedShop = $"bench-paged-{runId}.myshopify.com";
        var ingestShop = $"bench-ingest-{runId}.myshopify.com";
        Console.WriteLine(string.Create(Culture,
            $"Generating three identical Standard-plan shops (2000 points, 100/s): {products:N0} products, {customers:N0} customers, {orders:N0} orders..."));
        await simulator.CreateShopAsync(bulkShop, "shpat_bulk", products, customers, orders, throttled: true);
        await simulator.CreateShopAsync(pagedShop, "shpat_paged", products, customers, orders, throttled: true);
        await simulator.CreateShopAsync(ingestShop, "shpat_ingest", products, customers, orders, throttled: true);

        BulkResult bulk;
        IngestedOrders? ingest;
        CopyRates? copy;
        MillionResult million;
        PagedResult paged;
        try
        {
            // 1a. Bulk, with the Host's default settings and the simulator's default export rate.
            bulk = await BulkFirstSyncAsync(ownerConnectionString, simulator, bulkShop);

            // 2. The ingest alone, then as many orders and line items through a plain COPY, on the same server.
            ingest = await IngestAloneAsync(ownerConnectionString, simulator, ingestShop, orders, warmUpRounds, runId);
            copy = ingest is null ? null : await CopyBaseline.RunAsync(ownerConnectionString, (int)ingest.Orders, ingest.Lines - ingest.Orders);

            // 3. A million orders through a Host of their own.
            million = await MillionOrdersAsync(ownerConnectionString, simulator, runId, millionOrders, millionExportRate, millionTimeout);

            // 1b. Paged, last: the Host is stopped in the middle of the sync, whose runs the next Host of the database
            // would resume.
            paged = await PagedWindowAsync(ownerConnectionString, simulator, pagedShop, window);
        }
        catch (SyncFailedException failed)
        {
            Console.Error.WriteLine(failed.Message);
            return 1;
        }

        var pointsPerRecord = paged.Committed.ToDictionary(c => c.Key, c => c.Value.Records > 0 ? c.Value.Points / (double)c.Value.Records : (double?)null);
        var extrapolatedPoints = Resources.All(r => pointsPerRecord.GetValueOrDefault(r) is not null)
            ? Resources.Sum(r => pointsPerRecord[r]!.Value * totals[r])
            : (double?)null;
        var windowRecords = paged.Committed.Values.Sum(c => c.Records);
        var windowPoints = paged.Committed.Values.Sum(c => c.Points);
        var extrapolated = extrapolatedPoints is { } points
            ? string.Create(Culture, $"**{points / RestoreRate:N0} s** ({points / RestoreRate / 3600:F1} h), {points:N0} points")
            : "n/a: a resource wrote nothing in the window";
        var ratio = extrapolatedPoints is { } allPoints ? string.Create(Culture, $"**{allPoints / RestoreRate / bulk.Elapsed.TotalSeconds:N1}×**") : "n/a";
        var perResource = string.Join(", ", Resources.Select(r => $"{r} {Describe(pointsPerRecord.GetValueOrDefault(r))}"));

        Console.WriteLine();
        Console.WriteLine("| measure | result | target |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(Culture,
            $"| first sync, **bulk**: one Standard-plan shop ({products:N0} products, {customers:N0} customers, {orders:N0} orders), the Host with its defaults, `syncAll`, export at the simulator's default 1,000 objects/s; wall time from the request to the last run finished " +
            $"| **{bulk.Elapsed.TotalSeconds:N0} s** ({bulk.Elapsed.TotalMinutes:F1} min) for {bulk.Records:N0} records ({string.Join(", ", Resources.Select(r => $"{r} {bulk.Modes[r]}"))}); " +
            $"**{bulk.Points:N0} API points**; {bulk.ExportedObjects:N0} objects exported by {bulk.Operations} bulk operations | |"));
        Console.WriteLine(string.Create(Culture,
            $"| first sync, **paged**: an identical shop, the Host with `Sync:BulkThreshold=0` (and `Sync:WriteBatchSize={PagedWriteBatch}`, so that each resource commits its records and their points within the window: what Shopify charges stays the same), measured over a {paged.Window.TotalSeconds:F0} s window " +
            $"| {windowRecords:N0} records done (committed) for {windowPoints:N0} points = {windowPoints / (double)Math.Max(windowRecords, 1):F1} points/record ({perResource}); " +
            $"{paged.SimulatorPoints:N0} points charged by the simulator in the window, {paged.Throttled} THROTTLED | |"));
        Console.WriteLine(string.Create(Culture,
            $"| first sync, paged, full time **extrapolated, not measured**: Σ over resources of points/record × its records ÷ {RestoreRate:N0} points/s | {extrapolated} | |"));
        Console.WriteLine($"| paged ÷ bulk, end to end | {ratio} | ≥ 10× |");
        if (ingest is not null && copy is not null)
        {
            PrintIngest(ingest, copy);
        }

        else
        {
            Console.WriteLine("| ingest alone | n/a: the orders were paged (no more of them than Sync:BulkThreshold) | ≥ 50,000 records/s |");
        }

        var millionRun = million.Finished
            ? string.Create(Culture, $"{million.Objects:N0} objects; the orders run took {million.OrdersRun.TotalSeconds:N0} s, export included")
            : string.Create(Culture, $"**unfinished**: stopped after {million.OrdersRun.TotalMinutes:N0} min with {million.Orders:N0} orders written, so the peak is the peak so far");
        Console.WriteLine(string.Create(Culture,
            $"| peak working set of the Host process during a {millionOrders:N0}-order bulk ingest (export at {millionExportRate:N0} objects/s; {millionRun}) " +
            $"| **{Mib(million.PeakWorkingSet)} MiB**: VmHWM of the Host, a process of its own, over its life (start-up and sign-up included; {Mib(million.WorkingSetBefore)} MiB before the sync); PostgreSQL and the simulator not included | < 400 MiB |"));
        return 0;
    }

    /// <summary>
    /// The ingest side alone and its COPY baseline, without the export waits and the million orders: a few minutes, for
    /// working on the ingest.
    /// </summary>
    public static async Task<int> RunIngestOnlyAsync(string ownerConnectionString, SimulatorProcess simulator, BenchmarkOptions options)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var shop = $"bench-ingest-{runId}.myshopify.com";
        Console.WriteLine(string.Create(Culture, $"Generating a shop with {options.Orders:N0} orders..."));
        await simulator.CreateShopAsync(shop, "shpat_ingest", 50, 100, options.Orders, throttled: false);
        var ingest = await IngestAloneAsync(ownerConnectionString, simulator, shop, options.Orders, options.Number("--warm-up-rounds", 2), runId,
            options.Number("--top-statements", 0));
        if (ingest is null)
        {
            Console.Error.WriteLine("The orders were paged, not exported: ask for more orders than Sync:BulkThreshold.");
            return 1;
        }

        var copy = await CopyBaseline.RunAsync(ownerConnectionString, (int)ingest.Orders, ingest.Lines - ingest.Orders);
        PrintIngest(ingest, copy);
        return 0;
    }

    /// <summary>The Host's memory during a large bulk ingest alone, without the first syncs: for working on it.</summary>
    public static async Task<int> RunMemoryOnlyAsync(string ownerConnectionString, SimulatorProcess simulator, BenchmarkOptions options)
    {
        var orders = options.Number("--million-orders", 1_000_000);
        var million = await MillionOrdersAsync(ownerConnectionString, simulator, Guid.NewGuid().ToString("N")[..8], orders,
            options.Number("--million-export-rate", FastExport), TimeSpan.FromMinutes(options.Number("--million-timeout-minutes", 30)));
        Console.WriteLine(string.Create(Culture,
            $"| peak working set of the Host process during a {orders:N0}-order bulk ingest | **{Mib(million.PeakWorkingSet)} MiB** ({Mib(million.WorkingSetBefore)} MiB before the sync){(million.Finished ? "" : ", unfinished")} | < 400 MiB |"));
        return 0;
    }

    private static void PrintIngest(IngestedOrders ingest, CopyRates copy)
    {
        var seconds = ingest.Window.TotalSeconds;
        var objectsPerSecond = ingest.Lines / seconds;
        Console.WriteLine(string.Create(Culture,
            $"| ingest alone: the orders of an identical shop, bulk-synced alone in this process; first byte of the JSONL (bulk download span starts) to last commit (last write span ends), export ({FastExport:N0} objects/s) and throttle excluded " +
            $"| {ingest.Orders:N0} orders + {ingest.Lines - ingest.Orders:N0} line items = {ingest.Lines:N0} objects in {seconds:F2} s " +
            $"(staging the JSONL {ingest.Staging.TotalSeconds:F2} s, then reading back and writing, the writes' transactions {ingest.Writes.TotalSeconds:F2} s of it): **{ingest.Orders / seconds:N0} records/s** (top-level), {objectsPerSecond:N0} objects/s (orders + line items) | ≥ 50,000 records/s |"));
        Console.WriteLine(string.Create(Culture,
            $"| plain binary COPY of as many rows ({ingest.Orders:N0} orders, {ingest.Lines - ingest.Orders:N0} line items, the Sales columns), same server, same run " +
            $"| {copy.OrdinaryRowsPerSecond:N0} rows/s into ordinary tables with Sales' keys and indexes; {copy.UnloggedRowsPerSecond:N0} rows/s into unlogged tables without | |"));
        Console.WriteLine(string.Create(Culture,
            $"| ingest ÷ COPY (objects/s ÷ rows/s) | **{objectsPerSecond / copy.OrdinaryRowsPerSecond:P0}** of the COPY into ordinary tables, {objectsPerSecond / copy.UnloggedRowsPerSecond:P0} of the unlogged one | |"));
    }

    private sealed class SyncFailedException(string message) : Exception(message);

    private sealed record BulkResult(TimeSpan Elapsed, long Records, long Points, long Operations, long ExportedObjects, Dictionary<string, string> Modes);

    private sealed record IngestedOrders(long Orders, long Lines, TimeSpan Window, TimeSpan Staging, TimeSpan Writes);

    private sealed record PagedResult(TimeSpan Window, Dictionary<string, (long Points, long Records)> Committed, long SimulatorPoints, long Throttled);

    private sealed record MillionResult(bool Finished, long Orders, long Objects, TimeSpan OrdersRun, long WorkingSetBefore, long PeakWorkingSet);

    private static async Task<BulkResult> BulkFirstSyncAsync(string ownerConnectionString, SimulatorProcess simulator, string shop)
    {
        await using var host = await StartHostAsync(ownerConnectionString, simulator);
        var (_, client) = await host.SignUpAsync(shop, "shpat_bulk");
        var before = await simulator.StatsAsync(shop);
        Console.WriteLine("Bulk first sync of the Standard-plan shop...");
        var clock = Stopwatch.StartNew();
        ThrowIfFailed(await BenchmarkApp.WaitForRunsAsync(client, await SyncAllAsync(client), TimeSpan.FromHours(2)), "The bulk first sync");
        var elapsed = clock.Elapsed;
        var after = await simulator.StatsAsync(shop);
        var runs = await RunsAsync(client);
        Console.WriteLine(string.Create(Culture, $"Bulk first sync: {elapsed.TotalSeconds:F1} s"));
        PrintRuns(runs);
        return new BulkResult(elapsed, runs.Values.Sum(run => run.GetProperty("recordsUpserted").GetInt64()), after.PointsSpent - before.PointsSpent,
            after.BulkOperations - before.BulkOperations, after.BulkObjectsExported - before.BulkObjectsExported,
            runs.ToDictionary(run => run.Key, run => run.Value.GetProperty("mode").GetString()!));
    }

    /// <summary>
    /// The orders alone, so that nothing else ingests or exports meanwhile; null when they were paged. The Host is
    /// measured warm, as one that has run for a while: before, it bulk-syncs shops of as many orders (until its per-batch
    /// code, called a few times a shop, has been recompiled by tiered compilation too), and the JIT is let settle.
    /// </summary>
    private static async Task<IngestedOrders?> IngestAloneAsync(
        string ownerConnectionString, SimulatorProcess simulator, string shop, int orders, int warmUpRounds, string runId, int topStatements = 0)
    {
        await simulator.SetBulkExportRateAsync(shop, FastExport);
        await using var app = await BenchmarkApp.StartAsync(ownerConnectionString, simulator.BaseUrlTemplate);

        // JIT, pools and caches warmed through the same path first, each round with a new shop.
        for (var round = 1; round <= warmUpRounds; round++)
        {
            var warmUpShop = $"bench-ingest-warm-up-{round}-{runId}.myshopify.com";
            await simulator.CreateShopAsync(warmUpShop, "shpat_warm_up", 50, 100, orders, throttled: false);
            await simulator.SetBulkExportRateAsync(warmUpShop, FastExport);
            var (warmUpClient, _) = await app.SignUpAsync(warmUpShop, "shpat_warm_up");
            var warmUpClock = Stopwatch.StartNew();
            var warmUpRuns = await BenchmarkApp.WaitForRunsAsync(warmUpClient, await BenchmarkApp.StartSyncAsync(warmUpClient, "orders"), TimeSpan.FromMinutes(10));
            Console.WriteLine(string.Create(Culture,
                $"Warm-up bulk ingest {round}: {warmUpRuns.Sum(run => run.GetProperty("recordsUpserted").GetInt64()):N0} orders in {warmUpClock.Elapsed.TotalSeconds:F1} s (not counted)"));
        }

        var settled = await JitWork.SettleAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine(string.Create(Culture, $"The JIT settled after the warm-up: {settled.Methods:N0} more methods, {settled.Time.TotalSeconds:F2} s (not counted)"));
        var (client, _) = await app.SignUpAsync(shop, "shpat_ingest");
        using var spans = new SpanTotals();
        if (topStatements > 0)
        {
            await StatementTimes.ResetAsync(ownerConnectionString);
        }

        Console.WriteLine("Orders of an identical shop, alone...");
        var jitBefore = JitWork.SoFar;
        var runs = await BenchmarkApp.WaitForRunsAsync(client, await BenchmarkApp.StartSyncAsync(client, "orders"), TimeSpan.FromHours(1));
        ThrowIfFailed(runs, "The orders sync");
        var jit = JitWork.SoFar.Since(jitBefore);
        Console.WriteLine(string.Create(Culture, $"  the JIT meanwhile: {jit.Methods:N0} methods, {jit.Time.TotalSeconds:F2} s"));

        var snapshot = spans.Snapshot();
        foreach (var (name, (count, milliseconds)) in snapshot.Where(s => s.Key.StartsWith("sync orders", StringComparison.Ordinal)).OrderBy(s => s.Key))
        {
            Console.WriteLine(string.Create(Culture, $"  {name}: {count:N0} spans, {milliseconds / 1000:F2} s in total"));
        }

        if (topStatements > 0)
        {
            await StatementTimes.PrintAsync(ownerConnectionString, topStatements, orders, "order");
        }

        if (spans.Extent("sync orders bulk download") is not { } download || spans.Extent("sync orders write") is not { } writes)
        {
            return null;
        }

        return new IngestedOrders(
            spans.TagSum("sync orders write", "shopingest.sync.records"),
            spans.TagSum("sync orders bulk download", "shopingest.bulk.lines"),
            writes.LastEnd - download.FirstStart,
            TimeSpan.FromMilliseconds(snapshot["sync orders bulk download"].Milliseconds),
            TimeSpan.FromMilliseconds(snapshot["sync orders write"].Milliseconds));
    }

    /// <summary>Stopped after <paramref name="timeout"/>, which reports the peak so far: the Host may ingest slower than thought.</summary>
    private static async Task<MillionResult> MillionOrdersAsync(
        string ownerConnectionString, SimulatorProcess simulator, string runId, int orders, int exportRate, TimeSpan timeout)
    {
        var shop = $"bench-million-{runId}.myshopify.com";
        Console.WriteLine(string.Create(Culture, $"Generating a shop with {orders:N0} orders (50 products, 100 customers), exporting at {exportRate:N0} objects/s..."));
        await simulator.CreateShopAsync(shop, "shpat_million", 50, 100, orders, throttled: false);
        await simulator.SetBulkExportRateAsync(shop, exportRate);
        await using var host = await StartHostAsync(ownerConnectionString, simulator);
        var (_, client) = await host.SignUpAsync(shop, "shpat_million");
        var workingSetBefore = host.WorkingSetBytes;
        var clock = Stopwatch.StartNew();
        var runIds = await SyncAllAsync(client);
        var finished = true;
        try
        {
            ThrowIfFailed(await BenchmarkApp.WaitForRunsAsync(client, runIds, timeout), "The million-order sync");
        }
        catch (OperationCanceledException)
        {
            // Stopped with the Host below; the next Host of the database (the paged one) resumes the sync meanwhile.
            finished = false;
        }

        var peak = host.PeakWorkingSetBytes;
        var orderRun = (await RunsAsync(client))["orders"];
        Console.WriteLine(string.Create(Culture, $"Million-order sync through the Host process: {clock.Elapsed.TotalSeconds:F1} s{(finished ? "" : ", unfinished")}"));
        PrintRuns(new Dictionary<string, JsonElement> { ["orders"] = orderRun });
        if (finished && orderRun.GetProperty("mode").GetString() != "bulk")
        {
            throw new SyncFailedException($"The {orders:N0} orders were not exported in bulk: {orderRun}");
        }

        var now = DateTimeOffset.UtcNow;
        return new MillionResult(
            finished,
            orderRun.GetProperty("recordsUpserted").GetInt64(),
            orderRun.GetProperty("bulkObjectCount").ValueKind == JsonValueKind.Number ? orderRun.GetProperty("bulkObjectCount").GetInt64() : 0,
            (Time(orderRun, "finishedAt") ?? now) - (Time(orderRun, "startedAt") ?? now),
            workingSetBefore,
            peak);
    }

    private static async Task<PagedResult> PagedWindowAsync(string ownerConnectionString, SimulatorProcess simulator, string shop, TimeSpan window)
    {
        await using var host = await StartHostAsync(ownerConnectionString, simulator, new Dictionary<string, string>
        {
            ["Sync__BulkThreshold"] = "0",
            ["Sync__WriteBatchSize"] = PagedWriteBatch.ToString(Culture),
        });
        var (_, client) = await host.SignUpAsync(shop, "shpat_paged");
        var before = await simulator.StatsAsync(shop);
        Console.WriteLine(string.Create(Culture, $"Paged first sync of an identical shop, for {window.TotalSeconds:F0} s..."));
        var clock = Stopwatch.StartNew();
        await SyncAllAsync(client);
        await Task.Delay(window);

        // Points and records of a run are committed together, write by write.
        var elapsed = clock.Elapsed;
        var runs = await RunsAsync(client);
        var after = await simulator.StatsAsync(shop);
        PrintRuns(runs);
        ThrowIfFailed([.. runs.Values], "The paged first sync");

        return new PagedResult(
            elapsed,
            runs.ToDictionary(run => run.Key, run => (run.Value.GetProperty("apiPointsSpent").GetInt64(), run.Value.GetProperty("recordsFetched").GetInt64())),
            after.PointsSpent - before.PointsSpent,
            after.Throttled - before.Throttled);
    }

    private static Task<HostProcess> StartHostAsync(string ownerConnectionString, SimulatorProcess simulator, Dictionary<string, string>? settings = null) =>
        HostProcess.StartAsync(ownerConnectionString, new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Shopify__BaseUrlTemplate"] = simulator.BaseUrlTemplate,
        });

    /// <summary>A merchant's "Sync now": the three resources in one request, synced side by side; returns their runs.</summary>
    private static async Task<List<Guid>> SyncAllAsync(HttpClient client)
    {
        var started = await HostProcess.GraphQLAsync(client, "mutation { syncAll { id } }");
        return [.. started.GetProperty("syncAll").EnumerateArray().Select(run => run.GetProperty("id").GetGuid())];
    }

    private static void ThrowIfFailed(List<JsonElement> runs, string what)
    {
        var failed = runs.Where(run => run.GetProperty("status").GetString() == "failed").Select(run => run.GetProperty("error").GetString()).ToList();
        if (failed.Count > 0)
        {
            throw new SyncFailedException($"{what} failed: {string.Join("; ", failed)}");
        }
    }

    /// <summary>Each resource's latest run, as GraphQL shows it.</summary>
    private static async Task<Dictionary<string, JsonElement>> RunsAsync(HttpClient client)
    {
        var data = await HostProcess.GraphQLAsync(client, $"{{ syncStatus {{ resource lastRun {{ {RunFields} }} }} }}");
        return data.GetProperty("syncStatus").EnumerateArray()
            .Where(status => status.GetProperty("lastRun").ValueKind == JsonValueKind.Object)
            .ToDictionary(status => status.GetProperty("resource").GetString()!, status => status.GetProperty("lastRun").Clone());
    }

    private static void PrintRuns(Dictionary<string, JsonElement> runs)
    {
        foreach (var (resource, run) in runs)
        {
            var (started, finished) = (Time(run, "startedAt"), Time(run, "finishedAt"));
            Console.WriteLine(string.Create(Culture,
                $"  {resource}: {run.GetProperty("mode").GetString()}, {run.GetProperty("status").GetString()}, {run.GetProperty("recordsFetched").GetInt64():N0} records fetched, " +
                $"{run.GetProperty("apiPointsSpent").GetInt64():N0} points, {run.GetProperty("throttleWaitMs").GetInt64() / 1000.0:F1} s waiting for the bucket, " +
                $"bulk objects {Text(run.GetProperty("bulkObjectCount"))}, {(finished - started)?.TotalSeconds.ToString("F1", Culture) ?? "-"} s{Notice(run)}"));
        }
    }

    private static DateTimeOffset? Time(JsonElement run, string field) =>
        run.GetProperty(field).ValueKind == JsonValueKind.String ? run.GetProperty(field).GetDateTimeOffset() : null;

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? "-" : value.GetInt64().ToString("N0", Culture);

    private static string Notice(JsonElement run) => run.GetProperty("notice").GetString() is { } notice ? $"; notice: {notice}" : "";

    private static string Describe(double? pointsPerRecord) => pointsPerRecord is { } points ? points.ToString("F1", Culture) : "n/a (nothing written yet)";

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", Culture);
}
