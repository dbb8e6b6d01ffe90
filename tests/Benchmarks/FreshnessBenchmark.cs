using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ShopIngest.Benchmarks;

/// <summary>
/// How many shops the schedule keeps fresh: small simulator shops (throttle off) synced by 1, 2 and 3 Host replicas
/// over one database, each a process of its own with the schedule on. For each replica count the number of shops grows
/// (each step <c>--growth</c> times the last) until the p95 of their sync lag, sampled every second over
/// <c>--intervals</c> intervals, reaches <c>--target-lag-seconds</c>; the largest number below it is the replicas'
/// capacity. A shop's lag is what GraphQL's <c>syncLagSeconds</c> shows: how far past its due time its next scheduled
/// sync is without having started. A window of a few intervals is short for a lag that grows slowly, so a step also
/// fails when the replicas start fewer than 90 % of the syncs its shops ask for (shops ÷ (interval + the one-second
/// sweep), since each start comes up to a sweep after its due time): they are falling behind, and the lag would pass
/// any target given time.
/// </summary>
internal static class FreshnessBenchmark
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    private sealed record Step(
        int Shops, double P95Lag, double MaxLag, double SyncsPerSecond, double Demand, IReadOnlyList<(string Name, double Seconds)> Cpu, TimeSpan Window)
    {
        public double CpuTotal => Cpu.Sum(c => c.Seconds);

        public bool KeepsUp => SyncsPerSecond >= 0.9 * Demand;
    }

    public static async Task<int> RunAsync(string ownerConnectionString, SimulatorProcess simulator, int? postgresProcessId, BenchmarkOptions options)
    {
        var interval = TimeSpan.FromSeconds(options.Number("--interval-seconds", 15));
        var intervals = options.Number("--intervals", 3);
        var target = options.Number("--target-lag-seconds", 30);
        var startShops = options.Number("--start-shops", 25);
        var maxShops = options.Number("--max-shops", 1600);
        var growth = options.Number("--growth-percent", 100) / 100.0 + 1;
        var slotsPerReplica = options.Number("--slots-per-replica", 8);
        var replicaCounts = (options.Text("--replicas") ?? "1,2,3").Split(',').Select(r => int.Parse(r, Culture)).ToList();
        Console.WriteLine(string.Create(Culture,
            $"Freshness: Sync:Interval {interval.TotalSeconds} s, measured over {intervals} intervals per step, target p95 lag < {target} s, shops from {startShops} (×{growth:F2} a step, at most {maxShops}), {slotsPerReplica} slots per replica"));

        var results = new List<(int Replicas, Step? Passed, Step? Failed)>();
        foreach (var replicas in replicaCounts)
        {
            var runId = Guid.NewGuid().ToString("N")[..8];
            var database = $"freshness_{replicas}_{runId}";
            await using (var admin = new NpgsqlConnection(ownerConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Database = database }.ConnectionString;
            var settings = new Dictionary<string, string>
            {
                ["Sync__ScheduleEnabled"] = "true",
                ["Sync__Interval"] = interval.ToString("c", Culture),
                ["Sync__MaxConcurrentTenants"] = (slotsPerReplica * replicas).ToString(Culture),
                ["Shopify__BaseUrlTemplate"] = simulator.BaseUrlTemplate,
            };
            var hosts = new List<HostProcess>();
            try
            {
                hosts.Add(await HostProcess.StartAsync(connectionString, settings));
                hosts.AddRange(await Task.WhenAll(Enumerable.Range(1, replicas - 1).Select(_ => HostProcess.StartAsync(connectionString, settings))));
                Step? passed = null;
                Step? failed = null;
                var shops = 0;
                for (var wanted = startShops; wanted <= maxShops; wanted = Math.Max(wanted + 1, (int)Math.Round(wanted * growth)))
                {
                    for (; shops < wanted; shops++)
                    {
                        var shop = $"fresh-{runId}-{replicas}-{shops}.myshopify.com";
                        await simulator.CreateShopAsync(shop, "shpat_fresh", products: 5, customers: 5, orders: 20, throttled: false);
                        await hosts[shops % hosts.Count].SignUpAsync(shop, "shpat_fresh");
                    }

                    var step = await MeasureAsync(connectionString, hosts, simulator, postgresProcessId, shops, interval, intervals);
                    Console.WriteLine(string.Create(Culture,
                        $"  {replicas} replica(s), {shops} shops: p95 lag {step.P95Lag:F1} s (max {step.MaxLag:F1} s), {step.SyncsPerSecond:F1} of {step.Demand:F1} shop syncs/s due, CPU {Describe(step)}"));
                    if (step.P95Lag < target && step.KeepsUp)
                    {
                        passed = step;
                    }
                    else
                    {
                        failed = step;
                        break;
                    }
                }

                results.Add((replicas, passed, failed));
            }
            finally
            {
                foreach (var host in hosts)
                {
                    await host.DisposeAsync();
                }

                NpgsqlConnection.ClearAllPools();
            }
        }

        var one = results.FirstOrDefault(r => r.Replicas == 1).Passed?.Shops;
        Console.WriteLine();
        Console.WriteLine(string.Create(Culture, $"| replicas | largest N with p95 lag < {target} s, keeping up | × one replica | p95 lag at N | shop syncs/s | CPU over the window (cores busy) | next step |"));
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (replicas, passed, failed) in results)
        {
            var next = failed is null
                ? $"not reached at {maxShops}"
                : string.Create(Culture, $"{failed.Shops} shops: p95 {failed.P95Lag:F1} s, {failed.SyncsPerSecond:F1} of {failed.Demand:F1} syncs/s");
            Console.WriteLine(passed is null
                ? $"| {replicas} | none (the first step already missed) | | | | | {next} |"
                : string.Create(Culture,
                    $"| {replicas} | **{passed.Shops}** | {(one is > 0 ? $"{passed.Shops / (double)one.Value:F2}×" : "n/a")} | {passed.P95Lag:F1} s | {passed.SyncsPerSecond:F1} | {Describe(passed)} | {next} |"));
        }

        return 0;
    }

    /// <summary>Waits until every shop has had its first scheduled sync and one interval more, then samples every shop's lag each second.</summary>
    private static async Task<Step> MeasureAsync(
        string connectionString, IReadOnlyList<HostProcess> hosts, SimulatorProcess simulator, int? postgresProcessId, int shops, TimeSpan interval, int intervals)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var settle = Stopwatch.StartNew();
        while (await ScalarAsync<long>(connection, "SELECT count(*) FROM sync.shop_schedules WHERE last_started_at IS NOT NULL") < shops
            && settle.Elapsed < (3 * interval) + TimeSpan.FromMinutes(2))
        {
            await Task.Delay(1000);
        }

        await Task.Delay(interval);
        var cpuBefore = Cpu(hosts, simulator, postgresProcessId);
        var runsBefore = await ScalarAsync<long>(connection, "SELECT count(*) FROM sync.runs WHERE trigger = 'schedule' AND resource = 'orders'");
        var clock = Stopwatch.StartNew();
        var lags = new List<double>();
        while (clock.Elapsed < interval * intervals)
        {
            await using var command = new NpgsqlCommand("SELECT greatest(0, extract(epoch FROM now() - due_at))::float8 FROM sync.shop_schedules", connection);
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lags.Add(reader.GetDouble(0));
                }
            }

            await Task.Delay(1000);
        }

        var window = clock.Elapsed;
        var runs = await ScalarAsync<long>(connection, "SELECT count(*) FROM sync.runs WHERE trigger = 'schedule' AND resource = 'orders'") - runsBefore;
        var cpuAfter = Cpu(hosts, simulator, postgresProcessId);
        lags.Sort();
        var p95 = lags.Count == 0 ? double.PositiveInfinity : lags[(int)Math.Ceiling(lags.Count * 0.95) - 1];
        return new Step(shops, p95, lags.Count == 0 ? double.PositiveInfinity : lags[^1], runs / window.TotalSeconds, shops / (interval.TotalSeconds + 1),
            [.. cpuAfter.Select((share, i) => (share.Name, (share.Cpu - cpuBefore[i].Cpu).TotalSeconds / window.TotalSeconds))], window);
    }

    private static List<(string Name, TimeSpan Cpu)> Cpu(IReadOnlyList<HostProcess> hosts, SimulatorProcess simulator, int? postgresProcessId) =>
    [
        .. hosts.Select((host, i) => ($"host {i + 1}", CpuMeter.ProcessTree(host.ProcessId))),
        ("simulator", CpuMeter.ProcessTree(simulator.ProcessId)),
        .. postgresProcessId is { } postgres ? new[] { ("PostgreSQL", CpuMeter.ProcessTree(postgres)) } : [],
    ];

    private static string Describe(Step step) =>
        string.Join(", ", step.Cpu.Select(c => string.Create(Culture, $"{c.Name} {c.Seconds:F2}"))) + string.Create(Culture, $" (total {step.CpuTotal:F2} of {Environment.ProcessorCount} cores)");

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
