using System.Diagnostics;
using System.Globalization;
using ShopIngest.Benchmarks;

// On demand, not in CI:
//   dotnet run -c Release --project tests/Benchmarks -- [--connection "<owner connection string>"] [--orders 100000] [--warm-up-rounds 3] ...
//     the end-to-end sync benchmark (issue 5);
//   dotnet run -c Release --project tests/Benchmarks -- analytics [--connection …] [--orders 1000000] [--shops 9] [--shop-orders 100000]
//     the dashboard queries at a million orders (issue 6);
//   dotnet run -c Release --project tests/Benchmarks -- bulk [--connection …] [--products 2000 --customers 20000 --orders 100000]
//       [--paged-window-seconds 180] [--million-orders 1000000] [--million-export-rate 200000] [--million-timeout-minutes 30] [--warm-up-rounds 2]
//     a Standard-plan shop's first sync through a bulk export against the paged walk (timed over the window, extrapolated),
//     the ingest alone against a plain COPY of the same rows, and the Host's peak working set ingesting a million orders
//     (issue 14); 20 to 40 minutes at the default sizes, mostly the export at 1,000 objects/s and the million orders.
//     A smoke run: --products 200 --customers 2000 --orders 10000 --million-orders 50000 --paged-window-seconds 30.
//   dotnet run -c Release --project tests/Benchmarks -- bulk-ingest [--connection …] [--orders 100000] [--warm-up-rounds 2] [--top-statements N]
//     the ingest side of the bulk benchmark alone, with its COPY baseline: a few minutes. With --top-statements N, also the
//     N statements PostgreSQL spent most time on during the measured ingest.
//   dotnet run -c Release --project tests/Benchmarks -- bulk-memory [--connection …] [--million-orders 1000000] [--million-export-rate 200000]
//     the Host's peak working set during the bulk benchmark's million-order ingest alone: a few minutes.
//   dotnet run -c Release --project tests/Benchmarks -- freshness [--connection …] [--replicas 1,2,3] [--interval-seconds 15] [--intervals 3]
//       [--target-lag-seconds 30] [--start-shops 25] [--max-shops 1600] [--growth-percent 100] [--slots-per-replica 8]
//     how many small shops (throttle off) 1, 2 and 3 Host replicas keep within the p95 lag target (issue 17), with the CPU
//     of each process. A smoke run: --replicas 1,2 --interval-seconds 5 --start-shops 4 --max-shops 16.
//   dotnet run -c Release --project tests/Benchmarks -- dashboard-load [--connection …] [--products 2000 --customers 20000 --orders 100000]
//       [--load-seconds 60] [--export-rate 5000]
//     eight dashboards asking stats, salesByDate, topCustomers and two orders pages without pause for the window while the
//     Host runs the shop's first sync: answers, errors and p50/p95 per question (issue 17; target p95 < 50 ms, 0 errors).
//   dotnet run -c Release --project tests/Benchmarks -- webhooks [--connection …] [--shops 20] [--senders 32] [--intake-seconds 30]
//       [--background-rate 300] [--probes 200] [--line-items 3]
//     webhook deliveries accepted durably per second with the answer's p50/p99, then the freshness of an order from its
//     delivery to the shop's stats under a background load (issue 15). A smoke run: --intake-seconds 5 --probes 20.
//     With --top-statements N, also the N statements PostgreSQL spent most time on during the intake (pg_stat_statements).
// Without --connection each starts a throw-away PostgreSQL server of its own.
var options = BenchmarkOptions.Parse(args);
var culture = CultureInfo.InvariantCulture;

await using var postgres = options.ConnectionString is null ? await ThrowawayPostgres.StartAsync(trackStatements: options.Text("--top-statements") is not null) : null;
var ownerConnectionString = options.ConnectionString ?? postgres!.ConnectionString;
if (args.FirstOrDefault() == "analytics")
{
    return await AnalyticsBenchmark.RunAsync(ownerConnectionString,
        bigShopOrders: options.Number("--orders", 1_000_000), otherShops: options.Number("--shops", 9),
        otherShopOrders: options.Number("--shop-orders", 100_000), loadDuration: TimeSpan.FromSeconds(20));
}
if (args.FirstOrDefault() == "webhooks")
{
    return await WebhookBenchmark.RunAsync(ownerConnectionString, postgres?.ServerProcessId, options);
}

await using var simulator = await SimulatorProcess.StartAsync();
if (args.FirstOrDefault() == "freshness")
{
    return await FreshnessBenchmark.RunAsync(ownerConnectionString, simulator, postgres?.ServerProcessId, options);
}

if (args.FirstOrDefault() == "bulk")
{
    return await BulkBenchmark.RunAsync(ownerConnectionString, simulator, options);
}

if (args.FirstOrDefault() == "bulk-ingest")
{
    return await BulkBenchmark.RunIngestOnlyAsync(ownerConnectionString, simulator, options);
}

if (args.FirstOrDefault() == "bulk-memory")
{
    return await BulkBenchmark.RunMemoryOnlyAsync(ownerConnectionString, simulator, options);
}

if (args.FirstOrDefault() == "dashboard-load")
{
    return await DashboardLoadBenchmark.RunAsync(ownerConnectionString, simulator, options);
}

Console.WriteLine($"Generating shops: {options.Products:N0} products, {options.Customers:N0} customers, {options.Orders:N0} orders (throttle off); " +
    $"and a throttled one (2000 points, 100/s)...");
var runId = Guid.NewGuid().ToString("N")[..8];
var fullShop = $"bench-full-{runId}.myshopify.com";
var throttledShop = $"bench-throttled-{runId}.myshopify.com";
await simulator.CreateShopAsync(fullShop, "shpat_full", options.Products, options.Customers, options.Orders, throttled: false);
await simulator.CreateShopAsync(throttledShop, "shpat_throttled", 200, 20_000, 20_000, throttled: true);

// This benchmark measures the paged walk, which every incremental run takes: with the Host's default threshold these first
// syncs would go through a bulk export instead and measure the simulator's export rate (the `bulk` mode measures that).
await using var app = await BenchmarkApp.StartAsync(
    ownerConnectionString, simulator.BaseUrlTemplate, new Dictionary<string, string?> { ["Sync:BulkThreshold"] = "0" });
string[] resources = ["products", "customers", "orders"];

// 0. A service syncs for weeks: the measured sync starts with the JIT, connection pools and caches of app and simulator
// warm. The JIT keeps promoting hot methods to optimised code for a few syncs, so warming up takes more than one.
for (var round = 1; round <= options.WarmUpRounds; round++)
{
    var warmUpShop = $"bench-warm-up-{round}-{runId}.myshopify.com";
    await simulator.CreateShopAsync(warmUpShop, "shpat_warm_up", options.Products / 2, options.Customers / 2, options.Orders / 2, throttled: false);
    var (warmUpClient, _) = await app.SignUpAsync(warmUpShop, "shpat_warm_up");
    var warmUpJit = JitWork.SoFar;
    var warmUpClock = Stopwatch.StartNew();
    var warmUpRuns = await BenchmarkApp.WaitForRunsAsync(warmUpClient, await BenchmarkApp.StartSyncAsync(warmUpClient, resources), TimeSpan.FromMinutes(10));
    Console.WriteLine(string.Create(culture,
        $"Warm-up sync {round} of a shop half the size: {warmUpRuns.Sum(run => run.GetProperty("recordsUpserted").GetInt64()):N0} records in {warmUpClock.Elapsed.TotalSeconds:F1} s, " +
        $"{JitWork.SoFar.Since(warmUpJit).Methods:N0} methods compiled by the app's JIT (not counted)"));
}

// 1. Full sync, throttle off, end to end through POST /api/ingest/{resource}.
var (fullClient, fullTenant) = await app.SignUpAsync(fullShop, "shpat_full");
GC.Collect();
using var spans = new SpanTotals();
var cpuBefore = CpuShares();
var jitBefore = JitWork.SoFar;
var clock = Stopwatch.StartNew();
var fullRuns = await BenchmarkApp.WaitForRunsAsync(fullClient, await BenchmarkApp.StartSyncAsync(fullClient, resources), TimeSpan.FromHours(1));
var fullElapsed = clock.Elapsed;
var fullJit = JitWork.SoFar.Since(jitBefore);
var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
var cpu = CpuShares().Select((share, i) => (share.Name, Seconds: (share.Cpu - cpuBefore[i].Cpu).TotalSeconds)).ToArray();
var fullRecords = fullRuns.Sum(run => run.GetProperty("recordsUpserted").GetInt64());
var failed = fullRuns.Where(run => run.GetProperty("status").GetString() != "succeeded").Select(run => run.GetProperty("error").GetString()).ToList();
if (failed.Count > 0)
{
    Console.Error.WriteLine($"Full sync failed: {string.Join("; ", failed)}");
    return 1;
}

var fullRate = fullRecords / fullElapsed.TotalSeconds;
Console.WriteLine($"Full sync: {fullRecords:N0} records in {fullElapsed.TotalSeconds:F1} s");
foreach (var (name, (count, milliseconds)) in spans.Snapshot().OrderBy(s => s.Key))
{
    Console.WriteLine(string.Create(culture, $"  {name}: {count:N0} spans, {milliseconds / 1000:F1} s in total, {milliseconds / count:F2} ms each"));
}

Console.WriteLine(string.Create(culture, $"  CPU during the full sync: {string.Join(", ", cpu.Select(c => $"{c.Name} {c.Seconds:F1} s"))} " +
    $"({cpu.Sum(c => c.Seconds) / fullElapsed.TotalSeconds:F2} cores busy on average)"));
Console.WriteLine(string.Create(culture, $"  the app's JIT during the full sync: {fullJit.Methods:N0} methods, {fullJit.Time.TotalSeconds:F2} s"));

// 2. An incremental run on the unchanged shop.
var before = await simulator.StatsAsync(fullShop);
await BenchmarkApp.WaitForRunsAsync(fullClient, await BenchmarkApp.StartSyncAsync(fullClient, resources), TimeSpan.FromMinutes(10));
var incrementalRequests = (await simulator.StatsAsync(fullShop)).Requests - before.Requests;
Console.WriteLine($"Incremental run on the unchanged shop: {incrementalRequests} requests");

// 3. The same data through the seed's per-record EF Core upsert.
var (baselineRecords, baselineElapsed) = await NaiveEfBaseline.RunAsync(ownerConnectionString, fullTenant, options.BaselineRecordsPerResource);
var baselineRate = baselineRecords / baselineElapsed.TotalSeconds;
Console.WriteLine($"Baseline: {baselineRecords:N0} records in {baselineElapsed.TotalSeconds:F1} s");

// 4. A long sync against the standard throttle: budget used and THROTTLED answers over a window.
var (throttledClient, _) = await app.SignUpAsync(throttledShop, "shpat_throttled");
var throttledBefore = await simulator.StatsAsync(throttledShop);
clock.Restart();
await BenchmarkApp.StartSyncAsync(throttledClient, resources);
await Task.Delay(options.ThrottleWindow);
var throttledAfter = await simulator.StatsAsync(throttledShop);
var window = clock.Elapsed;
var theoreticalBudget = 2000 + (100 * window.TotalSeconds);
var budgetUsed = (throttledAfter.PointsSpent - throttledBefore.PointsSpent) / theoreticalBudget;

Console.WriteLine();
Console.WriteLine("| measure | result | target |");
Console.WriteLine("|---|---|---|");
Console.WriteLine(string.Create(culture, $"| full sync, throttle off ({options.Products:N0} products, {options.Customers:N0} customers, {options.Orders:N0} orders) | {fullRecords:N0} records in {fullElapsed.TotalSeconds:F1} s = **{fullRate:N0} records/s** | ≥ 10,000 records/s |"));
Console.WriteLine(string.Create(culture, $"| naive per-record EF Core upsert (same data, {baselineRecords:N0} records, writes only) | {baselineRate:N0} records/s | |"));
Console.WriteLine(string.Create(culture, $"| speed-up over the baseline | **{fullRate / baselineRate:N1}×** | ≥ 20× |"));
Console.WriteLine(string.Create(culture, $"| peak working set of the app process (simulator runs apart) | {peakWorkingSet / (1024.0 * 1024):N0} MiB | |"));
Console.WriteLine(string.Create(culture, $"| point budget used, standard throttle, {window.TotalSeconds:F0} s window | {throttledAfter.PointsSpent - throttledBefore.PointsSpent:N0} of {theoreticalBudget:N0} points = **{budgetUsed:P1}** | ≥ 90 % |"));
Console.WriteLine(string.Create(culture, $"| THROTTLED answers received in that window | **{throttledAfter.Throttled - throttledBefore.Throttled}** | 0 |"));
Console.WriteLine(string.Create(culture, $"| requests of an incremental run on the unchanged {options.Orders:N0}-order shop | **{incrementalRequests}** (3 resources) | 1 per resource |"));
return 0;

// PostgreSQL's share is known only for the benchmark's own server.
List<(string Name, TimeSpan Cpu)> CpuShares() =>
[
    ("app", Process.GetCurrentProcess().TotalProcessorTime),
    ("simulator", CpuMeter.ProcessTree(simulator.ProcessId)),
    .. postgres is null ? [] : new[] { ("PostgreSQL", CpuMeter.ProcessTree(postgres.ServerProcessId)) },
];

internal sealed record BenchmarkOptions(
    string[] Args, string? ConnectionString, int Products, int Customers, int Orders, int WarmUpRounds, int BaselineRecordsPerResource, TimeSpan ThrottleWindow)
{
    public int Number(string name, int fallback) => Number(Args, name, fallback);

    public string? Text(string name) => Value(Args, name);

    private static int Number(string[] args, string name, int fallback) =>
        Value(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    public static BenchmarkOptions Parse(string[] args)
    {
        return new BenchmarkOptions(
            args,
            Value(args, "--connection"),
            Number(args, "--products", 2_000),
            Number(args, "--customers", 20_000),
            Number(args, "--orders", 100_000),
            Number(args, "--warm-up-rounds", 3),
            Number(args, "--baseline-records", 3_000),
            TimeSpan.FromSeconds(Number(args, "--throttle-seconds", 60)));
    }
}
