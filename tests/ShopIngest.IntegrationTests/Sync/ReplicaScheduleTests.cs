using System.Net.Http.Json;
using System.Text.Json;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// The schedule's promise across replicas: each enabled shop's scheduled sync starts one interval after its last one,
/// on one replica, whichever is free; and a replica that dies mid-sync leaves the shop to another within an interval.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class ReplicaScheduleTests(AppHostFixture fixture)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>How much later than its due time a start may come: a sweep every second, on a machine shared with the rest of the suite.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    /// <summary>Run starts are written by the replica's clock just after the schedule's (the database's) start: the same machine, a few milliseconds apart.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Three_replicas_start_each_shops_scheduled_sync_once_per_interval_and_never_sooner()
    {
        await using var cluster = await ReplicaCluster.StartAsync(fixture, replicas: 3, Interval);
        var shops = new List<(Guid TenantId, SimulatedShop Shop, string Token)>();
        for (var i = 0; i < 4; i++)
        {
            shops.Add(await cluster.SignUpAsync(products: 3, customers: 3, orders: 5));
        }

        // Each shop is enrolled at the next sweep that looks (within an interval) and first due at its phase (within
        // another); then four whole intervals are watched.
        await SyncedData.WaitUntilAsync(async () => (await cluster.ScheduledRunsAsync()).Select(r => r.TenantId).Distinct().Count() == shops.Count);
        await Task.Delay(4 * Interval + Slack);
        var runs = await cluster.ScheduledRunsAsync();
        var watchedUntil = await cluster.NowAsync();

        foreach (var (tenantId, _, _) in shops)
        {
            foreach (var resource in SimulatedShop.Resources)
            {
                var history = runs.Where(r => r.TenantId == tenantId && r.Resource == resource).ToList();
                var starts = history.Select(r => r.StartedAt).ToList();
                var story = $"{Environment.NewLine}runs: {string.Join("; ", history)}{Environment.NewLine}{cluster.LogOf(tenantId)}";
                var overran = false;
                for (var i = 1; i < starts.Count; i++)
                {
                    var gap = starts[i] - starts[i - 1];
                    Assert.True(gap >= Interval - ClockTolerance,
                        $"{resource} of shop {tenantId} started again {gap.TotalSeconds:F1} s after its last start, sooner than the {Interval.TotalSeconds} s interval{story}");

                    // A due time that finds the shop still syncing (a slow machine, a long run) is skipped, by design:
                    // the next start may then come as late as that sync's end.
                    var due = starts[i - 1] + Interval;
                    var busyUntil = runs.Where(r => r.TenantId == tenantId && r.StartedAt < starts[i] && r.FinishedAt > due)
                        .Select(r => r.FinishedAt!.Value).DefaultIfEmpty(due).Max();
                    overran |= busyUntil > due;
                    Assert.True(gap <= Interval + (busyUntil - due) + Slack,
                        $"{resource} of shop {tenantId} started {gap.TotalSeconds:F1} s after its last start: an interval was missed{story}");
                }

                // Once per elapsed interval (fewer only when a due time found the shop still syncing); the boundary
                // allows one more when the window ends right at a due time.
                var intervals = (int)Math.Floor((watchedUntil - starts[0]) / Interval);
                Assert.True((overran || starts.Count >= intervals) && starts.Count <= intervals + 1,
                    $"{resource} of shop {tenantId} started {starts.Count} times over {intervals} whole intervals");
            }
        }

        Assert.All(runs.Where(r => r.Status != "running"), run => Assert.Equal("succeeded", run.Status));
        var nodes = runs.Select(r => r.Node).Distinct().ToList();
        Assert.True(nodes.Count >= 2, $"the shops' syncs were shared by the replicas, yet only {string.Join(", ", nodes)} ran any");
        Assert.All(nodes, node => Assert.Contains(node, Enumerable.Range(0, 3).Select(ReplicaCluster.NodeOf)));

        // The shop's own view of its schedule: on time, due one interval after its last start, on a named replica.
        var (_, _, token) = shops[0];
        using var client = cluster.Replicas[0]!.CreateClient(token);
        using var response = await client.PostAsJsonAsync("/graphql", new
        {
            query = "{ syncSchedule { syncLagSeconds dueAt lastStartedAt lastNode } syncRuns(first: 3) { nodes { node trigger } } }",
        });
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var schedule = data.GetProperty("syncSchedule");
        Assert.Equal(Interval, schedule.GetProperty("dueAt").GetDateTimeOffset() - schedule.GetProperty("lastStartedAt").GetDateTimeOffset());
        Assert.InRange(schedule.GetProperty("syncLagSeconds").GetDouble(), 0, Slack.TotalSeconds);
        Assert.Contains(schedule.GetProperty("lastNode").GetString(), nodes);
        Assert.All(data.GetProperty("syncRuns").GetProperty("nodes").EnumerateArray(), run => Assert.Contains(run.GetProperty("node").GetString(), nodes));
    }

    [Fact]
    public async Task A_replica_killed_while_it_holds_a_shops_lock_leaves_the_shop_to_another_within_one_interval_and_nothing_is_lost()
    {
        // Small pages, one walk and slow answers: the first sync of the orders takes many seconds, long enough to be
        // killed in the middle.
        await using var cluster = await ReplicaCluster.StartAsync(fixture, replicas: 3, Interval, new Dictionary<string, string>
        {
            ["Sync__PageSize"] = "20",
            ["Sync__WriteBatchSize"] = "20",
            ["Sync__BackfillWalkers"] = "1",
        });
        var (tenantId, shop, _) = await cluster.SignUpAsync(products: 5, customers: 5, orders: 600);
        await shop.SetFaultsAsync(new { latencyMs = 400 });

        ScheduledRun doomed = null!;
        await SyncedData.WaitUntilAsync(async () =>
        {
            var running = (await cluster.ScheduledRunsAsync()).FirstOrDefault(r => r.TenantId == tenantId && r.Resource == "orders" && r.Status == "running");
            if (running is null || (await cluster.RecordsAsync(tenantId, "orders")).Count == 0)
            {
                return false;
            }

            doomed = running;
            return true;
        });
        var holder = Enumerable.Range(0, 3).Single(i => ReplicaCluster.NodeOf(i) == doomed.Node);
        await cluster.KillAsync(holder);
        var stored = (await cluster.RecordsAsync(tenantId, "orders")).Count;
        Assert.InRange(stored, 1, 599);

        // Its session died with it, and its locks with the session: the shop is due one interval after that start.
        ScheduledRun takeover = null!;
        await SyncedData.WaitUntilAsync(async () =>
        {
            takeover = (await cluster.ScheduledRunsAsync()).FirstOrDefault(r => r.TenantId == tenantId && r.Resource == "orders" && r.StartedAt > doomed.StartedAt)!;
            return takeover is not null;
        });
        Assert.NotEqual(doomed.Node, takeover.Node);
        var after = takeover.StartedAt - doomed.StartedAt;
        Assert.True(after >= Interval - ClockTolerance && after <= Interval + Slack,
            $"another replica took the shop over {after.TotalSeconds:F1} s after the killed sync started; the interval is {Interval.TotalSeconds} s");

        // Shopify fast again: the shop's data ends equal to the shop's, and no run is left running.
        await shop.SetFaultsAsync(null);
        await SyncedData.WaitUntilAsync(async () =>
        {
            var runs = (await cluster.ScheduledRunsAsync()).Where(r => r.TenantId == tenantId).ToList();
            return runs.All(r => r.Status != "running") && runs.Any(r => r.Resource == "orders" && r.Status == "succeeded");
        });
        var ended = (await cluster.ScheduledRunsAsync()).Where(r => r.TenantId == tenantId).ToList();
        Assert.DoesNotContain(ended, r => r.Status == "running");
        Assert.Equal("failed", ended.Single(r => r.StartedAt == doomed.StartedAt && r.Resource == "orders").Status);
        foreach (var resource in SimulatedShop.Resources)
        {
            var inShop = (await shop.RecordsAsync(resource)).Select(r => (r.Id, r.UpdatedAt.ToUnixTimeSeconds())).Order().ToList();
            var inDatabase = (await cluster.RecordsAsync(tenantId, resource)).Select(r => (r.Id, r.UpdatedAt.ToUnixTimeSeconds())).Order().ToList();
            Assert.True(inShop.SequenceEqual(inDatabase),
                $"{resource}: the shop holds {inShop.Count} records, the database {inDatabase.Count}, and they must be the same ids at the same updatedAt");
        }
    }
}
