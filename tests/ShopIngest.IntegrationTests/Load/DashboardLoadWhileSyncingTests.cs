using System.Globalization;
using ShopIngest.IntegrationTests.Faults;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;
using ShopIngest.TestSupport;
using Xunit.Abstractions;

namespace ShopIngest.IntegrationTests.Load;

/// <summary>
/// Eight merchants' dashboards asking without pause while the same Host runs a large first sync (a bulk export of the
/// orders, the customers and products paged): every question is answered, none with an error. The long version, with
/// latencies, is the benchmark's <c>dashboard-load</c> mode.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class DashboardLoadWhileSyncingTests(AppHostFixture fixture, ITestOutputHelper output)
{
    private const int DashboardClients = 8;

    [Fact]
    public async Task Eight_dashboards_asking_throughout_a_large_first_sync_get_every_answer_and_no_error()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 200, customers: 1500, orders: 5000);
        await tenant.Shop.SetSettingsAsync(new { bulkExportObjectsPerSecond = 5000 });
        await using var host = await HostProcess.StartAsync(fixture, SyncingHost.Settings(fixture, "dashboard-load"));
        var dashboards = Enumerable.Range(0, DashboardClients).Select(_ => host.CreateClient(tenant.Tenant.Token)).ToList();

        await SyncingHost.StartSyncAsync(host, tenant);
        using var syncing = new CancellationTokenSource();
        var syncEnds = Task.Run(async () =>
        {
            await SyncOutcome.WaitUntilNoRunIsRunningAsync(fixture, tenant);
            await syncing.CancelAsync();
        });
        var visits = await Task.WhenAll(dashboards.Select(async client =>
        {
            var answers = new List<DashboardAnswer>();
            var visitsWhileSyncing = 0;
            do
            {
                answers.AddRange(await DashboardVisit.AskAllAsync(client));
                visitsWhileSyncing += syncing.IsCancellationRequested ? 0 : 1;
            }
            while (!syncing.IsCancellationRequested);

            return (Answers: answers, VisitsWhileSyncing: visitsWhileSyncing);
        }));
        await syncEnds;

        var answers = visits.SelectMany(visit => visit.Answers).ToList();
        foreach (var question in answers.GroupBy(answer => answer.Question))
        {
            var took = question.Select(answer => answer.Took.TotalMilliseconds).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{question.Key}: {took.Count} answers, p50 {took[took.Count / 2]:F0} ms, p95 {took[(int)Math.Ceiling(took.Count * 0.95) - 1]:F0} ms"));
        }

        var failed = answers.Where(answer => answer.Failure is not null).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {answers.Count} dashboard answers failed: {string.Join("; ", failed.Take(5))}");
        Assert.All(visits, visit => Assert.True(visit.VisitsWhileSyncing > 0, "A dashboard finished no visit before the sync ended"));
        Assert.Equal(DashboardVisit.Questions.Order(), answers.Select(answer => answer.Question).Distinct().Order());
        await SyncOutcome.AssertEqualsShopAsync(fixture, tenant);
        dashboards.ForEach(client => client.Dispose());
    }
}
