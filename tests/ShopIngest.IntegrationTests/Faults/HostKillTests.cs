using System.Diagnostics;
using System.Globalization;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;
using Xunit.Abstractions;

namespace ShopIngest.IntegrationTests.Faults;

/// <summary>
/// The Host process killed with SIGKILL (nothing gets to mark a run, roll back on purpose or release a lock) at random
/// points of a sync, five times in a row, then started again: the syncs resume by themselves, and the shop's data ends
/// exactly as Shopify has it.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class HostKillTests(AppHostFixture fixture, ITestOutputHelper output)
{
    private const int Kills = 5;

    /// <summary>
    /// How often the records fetched are read while a kill is due. A resumed sync moves thousands of records a second
    /// here, so a longer wait (or a longer random moment before the kill) would carry it hundreds of records past the
    /// point drawn.
    /// </summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_Host_killed_five_times_in_a_first_sync_and_five_times_in_the_next_incremental_one_ends_equal_to_the_shop()
    {
        var seed = FaultSeed.Draw(output);
        var random = new Random(seed.Value);
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 120, customers: 900, orders: 4000);
        var settings = SyncingHost.Settings(fixture, "kill", SyncingHost.SmallWrites);

        // Restarted under the same node id, as a replica with a stable name is: its scheduler takes back the firings
        // it held at once, instead of after the cluster's check-in timeout (a peer's take-over is the replica test's).
        settings["Sync__NodeId"] = $"kill-{Guid.NewGuid():N}";

        // Pages of 50: with several walks side by side, pages of 250 land a thousand records at once, past any kill point drawn.
        settings["Sync__PageSize"] = "50";

        // A first sync of 5,020 records; each kill comes at most 150 records (and 50 ms) after the one before, so all five
        // come well before its end even on a fast machine.
        await KillRepeatedlyAsync(tenant, settings, random, seed, "first sync", mostRecordsBetweenKills: 150);
        await SyncOutcome.AssertEqualsShopAsync(fixture, tenant, seed.Replay);

        // An incremental sync of about 4,600 changed records (edits, new orders, cancellations, refunds), killed at most 250
        // records (and 50 ms) after each kill before.
        await tenant.Shop.ChangeAsync(new
        {
            update = new { products = 60, customers = 400, orders = 1100 },
            create = new { customers = 20, orders = 3000 },
            cancel = new { orders = 30 },
            refund = new { orders = 30 },
        });
        await KillRepeatedlyAsync(tenant, settings, random, seed, "incremental sync", mostRecordsBetweenKills: 250);
        await SyncOutcome.AssertEqualsShopAsync(fixture, tenant, seed.Replay);
    }

    /// <summary>
    /// Starts a sync of every resource, kills the Host <see cref="Kills"/> times (each time at a random point after the
    /// runs fetched up to <paramref name="mostRecordsBetweenKills"/> more records, and a random moment more), starts it
    /// once more and waits until no run is running.
    /// </summary>
    /// <remarks>
    /// A restarted Host resumes the runs while it starts, before it answers its health check, and on this machine moves
    /// a thousand records or more by then. So the records to the next kill are counted from the previous kill, not from
    /// the moment it answers, and the kill may come while it is still starting.
    /// </remarks>
    private async Task KillRepeatedlyAsync(
        SyncTestTenant tenant, Dictionary<string, string> settings, Random random, FaultSeed seed, string sync, int mostRecordsBetweenKills)
    {
        var clock = Stopwatch.StartNew();
        var fetched = await FetchedAsync(tenant);
        for (var kill = 1; kill <= Kills; kill++)
        {
            var advance = random.Next(1, mostRecordsBetweenKills + 1);
            var moment = TimeSpan.FromMilliseconds(random.Next(0, 50));
            await using (var doomed = await HostProcess.LaunchAsync(fixture, settings))
            {
                if (kill == 1)
                {
                    await doomed.WaitUntilHealthyAsync();
                    await SyncingHost.StartSyncAsync(doomed, tenant);
                }

                var from = fetched;
                var waited = Stopwatch.StartNew();
                while (await FetchedAsync(tenant) < from + advance && !await NoRunIsRunningAsync(tenant))
                {
                    Assert.False(doomed.HasExited, $"The Host exited by itself before kill {kill} of the {sync}:{Environment.NewLine}{doomed.Output}");
                    Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), $"The {sync} made no progress for three minutes before kill {kill}. {seed.Replay}");
                    await Task.Delay(PollInterval);
                }

                await Task.Delay(moment);
                Assert.False(await NoRunIsRunningAsync(tenant),
                    $"The {sync} ended before kill {kill} of {Kills}: the shop is too small for the kills drawn. {seed.Replay}");
            }

            fetched = await FetchedAsync(tenant);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sync}: kill {kill} after {advance} more records and {moment.TotalMilliseconds} ms, {fetched} fetched so far, at {clock.Elapsed.TotalSeconds:F1} s"));
        }

        await using (await HostProcess.StartAsync(fixture, settings))
        {
            await SyncOutcome.WaitUntilNoRunIsRunningAsync(fixture, tenant);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sync}: done at {clock.Elapsed.TotalSeconds:F1} s"));
    }

    private async Task<long> FetchedAsync(SyncTestTenant tenant) => (await SyncedData.RunsAsync(fixture, tenant.Id)).Sum(run => run.RecordsFetched);

    private async Task<bool> NoRunIsRunningAsync(SyncTestTenant tenant) =>
        (await SyncedData.RunsAsync(fixture, tenant.Id)) is { Count: > 0 } runs && runs.All(run => run.Status != "running");
}
