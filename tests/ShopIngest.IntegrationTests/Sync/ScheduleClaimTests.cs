using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Sync;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Scheduling;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// The schedule's statements against a database of their own, whose shops are only those a test puts there: what a
/// sweep claims, in which order, and what a start and an enrolment leave behind.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class ScheduleClaimTests(AppHostFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_sweep_claims_due_shops_stalest_first_within_its_room_and_the_free_slots_and_skips_those_another_sweep_holds()
    {
        await using var schedule = await ScheduleDatabase.CreateAsync(fixture);
        var slots = TenantLock.AllSlots(new SyncOptions { MaxConcurrentTenants = 4 });
        var shops = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToList();
        for (var i = 0; i < shops.Count; i++)
        {
            // Due 50, 40, 30, 20 and 10 seconds ago, inserted in no particular order.
            await schedule.ExecuteAsync($"INSERT INTO sync.shop_schedules (tenant_id, due_at, next_attempt_at) VALUES ('{shops[(i * 3) % 5]}', now() - interval '{50 - (((i * 3) % 5) * 10)} seconds', now() - interval '1 second')");
        }

        await schedule.ExecuteAsync($"INSERT INTO sync.shop_schedules (tenant_id, due_at, next_attempt_at) VALUES ('{Guid.CreateVersion7()}', now() + interval '1 minute', now() + interval '1 minute')");
        await schedule.ExecuteAsync($"INSERT INTO sync.shop_schedules (tenant_id, due_at, next_attempt_at) VALUES ('{Guid.CreateVersion7()}', now() - interval '1 hour', now() + interval '5 seconds')");

        var first = await schedule.Store.ClaimAsync(2, slots, Lease, CancellationToken.None);
        Assert.Equal(shops[..2], first.Select(c => c.TenantId));

        // Three of the four slots taken elsewhere: one shop more, however much room the replica has.
        await using (var elsewhere = await schedule.OpenAsync())
        {
            foreach (var slot in slots[..3])
            {
                await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({slot})", elsewhere);
                await take.ExecuteNonQueryAsync();
            }

            Assert.Equal([shops[2]], (await schedule.Store.ClaimAsync(4, slots, Lease, CancellationToken.None)).Select(c => c.TenantId));
        }

        // Another sweep holds the next stalest shop's row: this one skips it rather than wait.
        await using (var other = await schedule.OpenAsync())
        await using (var claiming = await other.BeginTransactionAsync())
        {
            await using var hold = new NpgsqlCommand($"SELECT 1 FROM sync.shop_schedules WHERE tenant_id = '{shops[3]}' FOR UPDATE", other, claiming);
            await hold.ExecuteNonQueryAsync();

            Assert.Equal([shops[4]], (await schedule.Store.ClaimAsync(4, slots, Lease, CancellationToken.None)).Select(c => c.TenantId));
        }

        // Claimed shops are not offered again while their claims last; the held one is, now that it is free.
        Assert.Equal([shops[3]], (await schedule.Store.ClaimAsync(4, slots, Lease, CancellationToken.None)).Select(c => c.TenantId));
        Assert.Empty(await schedule.Store.ClaimAsync(4, slots, Lease, CancellationToken.None));
    }

    [Fact]
    public async Task A_start_makes_the_shop_due_one_interval_later_and_says_how_late_it_came()
    {
        await using var schedule = await ScheduleDatabase.CreateAsync(fixture);
        var shop = Guid.CreateVersion7();
        await schedule.ExecuteAsync($"INSERT INTO sync.shop_schedules (tenant_id, due_at, next_attempt_at) VALUES ('{shop}', now() - interval '50 seconds', now())");

        var late = await schedule.Store.StartedAsync(shop, TimeSpan.FromMinutes(2), "node-a", CancellationToken.None);
        var status = await schedule.Store.ReadAsync(shop, CancellationToken.None);

        Assert.True(late >= 50, $"the start came 50 s after its due time, yet the schedule says {late} s");
        Assert.NotNull(status);
        Assert.Equal(TimeSpan.FromMinutes(2), status.DueAt - status.LastStartedAt);
        Assert.Equal("node-a", status.LastNode);
        Assert.Equal(0, status.LagSeconds);
        Assert.Null(await schedule.Store.StartedAsync(Guid.CreateVersion7(), TimeSpan.FromMinutes(2), "node-a", CancellationToken.None));
    }

    [Fact]
    public async Task Enrolment_adds_syncable_shops_at_their_phase_keeps_the_due_time_of_those_it_has_and_drops_the_rest()
    {
        await using var schedule = await ScheduleDatabase.CreateAsync(fixture);
        var interval = TimeSpan.FromMinutes(2);
        var (kept, added, dropped) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        Assert.Equal((2, 0), await schedule.Store.ReconcileAsync([kept, dropped], interval, CancellationToken.None));
        var keptDue = (await schedule.Store.ReadAsync(kept, CancellationToken.None))!.DueAt;

        Assert.Equal((1, 1), await schedule.Store.ReconcileAsync([kept, added], interval, CancellationToken.None));

        Assert.Null(await schedule.Store.ReadAsync(dropped, CancellationToken.None));
        Assert.Equal(keptDue, (await schedule.Store.ReadAsync(kept, CancellationToken.None))!.DueAt);
        var fresh = (await schedule.Store.ReadAsync(added, CancellationToken.None))!;
        Assert.InRange(fresh.DueAt, fresh.Now - TimeSpan.FromSeconds(5), fresh.Now + interval);
        Assert.Equal(SchedulePhase.Of(added, interval), TimeSpan.FromTicks((fresh.DueAt - DateTimeOffset.UnixEpoch).Ticks % interval.Ticks));
    }

    /// <summary>A migrated database of its own, and the schedule's store over it as the runtime role.</summary>
    private sealed class ScheduleDatabase : IAsyncDisposable
    {
        private readonly AppHostFixture _fixture;
        private readonly string _name;
        private readonly string _ownerConnectionString;
        private readonly IHost _host;

        private ScheduleDatabase(AppHostFixture fixture, string name, string ownerConnectionString, IHost host)
        {
            _fixture = fixture;
            _name = name;
            _ownerConnectionString = ownerConnectionString;
            _host = host;
        }

        public ScheduleStore Store => _host.Services.GetRequiredService<ScheduleStore>();

        public static async Task<ScheduleDatabase> CreateAsync(AppHostFixture fixture)
        {
            var (name, ownerConnectionString) = await ReplicaCluster.CreateDatabaseAsync(fixture);
            var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{ModuleDatabase.ConnectionName}"] = ownerConnectionString,
            });

            // The Sync module's tables and the runtime role; the host is never started, so nothing is scheduled.
            builder.AddSyncModule();
            var host = builder.Build();
            await host.Services.MigrateModuleDatabasesAsync();
            return new ScheduleDatabase(fixture, name, ownerConnectionString, host);
        }

        public async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(_ownerConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            _host.Dispose();
            await ReplicaCluster.DropDatabaseAsync(_fixture, _name);
        }
    }
}
