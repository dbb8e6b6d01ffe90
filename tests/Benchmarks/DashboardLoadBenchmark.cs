using System.Diagnostics;
using System.Globalization;
using ShopIngest.TestSupport;

namespace ShopIngest.Benchmarks;

/// <summary>
/// Eight merchants' dashboards asking without pause for a window (60 s) while the real Host, a process of its own, runs
/// the first sync of a large shop (100,000 orders): every question's answers, errors, p50, p95 and slowest, against the
/// target of a p95 under 50 ms; then how long the sync took and whether the window saw all of it, and the same load
/// once the sync is over, which tells the sync's share from what the machine gives the dashboard anyway.
/// </summary>
internal static class DashboardLoadBenchmark
{
    private const int Clients = 8;
    private const int WarmUpVisits = 25;
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string ownerConnectionString, SimulatorProcess simulator, BenchmarkOptions options)
    {
        var window = TimeSpan.FromSeconds(options.Number("--load-seconds", 60));
        var exportRate = options.Number("--export-rate", 5_000);
        var shop = $"bench-load-{Guid.NewGuid():N}"[..19] + ".myshopify.com";
        Console.WriteLine(string.Create(Culture,
            $"Generating a shop: {options.Products:N0} products, {options.Customers:N0} customers, {options.Orders:N0} orders (throttle off, export at {exportRate:N0} objects/s)..."));
        await simulator.CreateShopAsync(shop, "shpat_load", options.Products, options.Customers, options.Orders, throttled: false);
        await simulator.SetBulkExportRateAsync(shop, exportRate);

        await using var host = await HostProcess.StartAsync(ownerConnectionString, new Dictionary<string, string> { ["Shopify__BaseUrlTemplate"] = simulator.BaseUrlTemplate });
        var (_, owner) = await host.SignUpAsync(shop, "shpat_load");
        var dashboards = Enumerable.Range(0, Clients).Select(_ => new HttpClient { BaseAddress = owner.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }).ToList();
        dashboards.ForEach(client => client.DefaultRequestHeaders.Authorization = owner.DefaultRequestHeaders.Authorization);

        // Compiled code and open connections first: the window measures a Host that has served before.
        await Task.WhenAll(dashboards.Select(async client =>
        {
            for (var visit = 0; visit < WarmUpVisits; visit++)
            {
                await DashboardVisit.AskAllAsync(client);
            }
        }));

        var started = await HostProcess.GraphQLAsync(owner, "mutation { syncAll { id } }");
        var runIds = started.GetProperty("syncAll").EnumerateArray().Select(run => run.GetProperty("id").GetGuid()).ToList();
        var clock = Stopwatch.StartNew();
        var syncDone = BenchmarkApp.WaitForRunsAsync(owner, runIds, TimeSpan.FromHours(2));
        var duringSync = await LoadAsync(dashboards, window);
        var syncRunningAtTheEnd = !syncDone.IsCompleted;
        var runs = await syncDone;
        var syncTook = clock.Elapsed;
        var records = runs.Sum(run => run.GetProperty("recordsUpserted").GetInt64());
        var failedRuns = runs.Where(run => run.GetProperty("status").GetString() != "succeeded").ToList();

        // The same load on the synced shop with nothing else running: what the machine gives the dashboard alone.
        var alone = await LoadAsync(dashboards, window);

        Console.WriteLine();
        Console.WriteLine(string.Create(Culture,
            $"| question, {Clients} dashboards, {window.TotalSeconds:F0} s | answers during the {options.Orders:N0}-order first sync | errors | p50 | p95 (target < 50 ms) | slowest | p50 after the sync | p95 after the sync |"));
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var question in DashboardVisit.Questions)
        {
            var during = Latencies(duringSync, question);
            var after = Latencies(alone, question);
            Console.WriteLine(string.Create(Culture,
                $"| {question} | {during.Count:N0} | {duringSync.Count(answer => answer.Question == question && answer.Failure is not null)} | {Percentile(during, 0.5):F1} ms | **{Percentile(during, 0.95):F1} ms** | {during[^1]:F0} ms | {Percentile(after, 0.5):F1} ms | {Percentile(after, 0.95):F1} ms |"));
        }

        var errors = duringSync.Concat(alone).Where(answer => answer.Failure is not null).ToList();
        Console.WriteLine(string.Create(Culture,
            $"| all | {duringSync.Count:N0} ({duringSync.Count / window.TotalSeconds:N0}/s) | **{errors.Count}** | | | | {alone.Count:N0} answers ({alone.Count / window.TotalSeconds:N0}/s) after the sync | |"));
        Console.WriteLine();
        Console.WriteLine(syncRunningAtTheEnd
            ? string.Create(Culture, $"The sync ran through the whole window: {records:N0} records in {syncTook.TotalSeconds:F0} s.")
            : string.Create(Culture, $"The sync ended within the window, after {syncTook.TotalSeconds:F0} s ({records:N0} records): raise --orders or lower --export-rate to load a sync for the whole window."));
        foreach (var error in errors.Take(5))
        {
            Console.Error.WriteLine($"{error.Question}: {error.Failure}");
        }

        foreach (var run in failedRuns)
        {
            Console.Error.WriteLine($"The {run.GetProperty("resource").GetString()} run {run.GetProperty("status").GetString()}: {run.GetProperty("error").GetString()}");
        }

        dashboards.ForEach(client => client.Dispose());
        return errors.Count == 0 && failedRuns.Count == 0 ? 0 : 1;
    }

    /// <summary>Every dashboard visits again and again, without pause, until the window ends; every answer they got.</summary>
    private static async Task<List<DashboardAnswer>> LoadAsync(List<HttpClient> dashboards, TimeSpan window)
    {
        using var windowEnds = new CancellationTokenSource(window);
        var visits = await Task.WhenAll(dashboards.Select(async client =>
        {
            var answers = new List<DashboardAnswer>();
            while (!windowEnds.IsCancellationRequested)
            {
                answers.AddRange(await DashboardVisit.AskAllAsync(client));
            }

            return answers;
        }));
        return [.. visits.SelectMany(answers => answers)];
    }

    private static List<double> Latencies(List<DashboardAnswer> answers, string question) =>
        [.. answers.Where(answer => answer.Question == question).Select(answer => answer.Took.TotalMilliseconds).Order()];

    private static double Percentile(List<double> sorted, double share) => sorted[(int)Math.Ceiling(sorted.Count * share) - 1];
}
