using System.Diagnostics;
using Npgsql;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Pipeline;

/// <summary>
/// PostgreSQL session advisory locks held for a whole tenant sync: one per tenant, so that whatever schedules the work
/// (the schedule on any number of replicas, a manual trigger, a test) two syncs of one tenant never overlap; and one of
/// <see cref="SyncOptions.MaxConcurrentTenants"/> numbered slots, so that the replicas together never sync more tenants
/// at once. A crashed holder's session ends and frees its locks with it.
/// </summary>
/// <remarks>
/// The first <see cref="SyncOptions.FirstSyncSlots"/> slots are the only ones a first sync may take (it may hold one for
/// hours); an incremental sync tries the others first and those last, so first syncs never hold every slot.
/// </remarks>
internal sealed class TenantLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly NpgsqlConnection _connection;

    private TenantLock(NpgsqlConnection connection) => _connection = connection;

    public static long KeyFor(Guid tenantId) => KeyFor($"shopingest.sync:{tenantId:N}");

    public static long SlotKey(int slot) => KeyFor($"shopingest.sync.slot:{slot}");

    /// <summary>Every slot's key, in slot order.</summary>
    public static long[] AllSlots(SyncOptions options) => [.. Enumerable.Range(0, options.MaxConcurrentTenants).Select(SlotKey)];

    /// <summary>The slots a sync may take, in the order it tries them.</summary>
    public static long[] SlotsFor(bool firstSync, SyncOptions options)
    {
        var firstSyncSlots = Math.Min(options.FirstSyncSlots, options.MaxConcurrentTenants);
        var order = firstSync
            ? Enumerable.Range(0, firstSyncSlots)
            : Enumerable.Range(firstSyncSlots, options.MaxConcurrentTenants - firstSyncSlots).Concat(Enumerable.Range(0, firstSyncSlots));
        return [.. order.Select(SlotKey)];
    }

    /// <summary>
    /// Takes the tenant's lock, waiting until no other sync of the tenant runs anywhere; with <paramref name="wait"/>
    /// false, gives up at once when one does (null). Held until disposed, with the slot <see cref="TakeSlotAsync"/> adds.
    /// </summary>
    public static async Task<TenantLock?> AcquireAsync(NpgsqlDataSource dataSource, Guid tenantId, bool wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", KeyFor(tenantId));
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new TenantLock(connection);
            }

            if (!wait)
            {
                await connection.DisposeAsync();
                return null;
            }

            using (Waiting("tenant"))
            {
                while (await command.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    await Task.Delay(PollInterval, time, cancellationToken);
                }
            }

            return new TenantLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until one of <paramref name="slots"/> is free and holds it. Each try is one statement over all of them; the
    /// first free slot in their order is taken, and only that one.
    /// </summary>
    public async Task TakeSlotAsync(long[] slots, TimeProvider time, CancellationToken cancellationToken)
    {
        // A scan of the array stops at the first row its filter lets through (LIMIT 1, and no ORDER BY to make it read
        // them all), so no slot after the first free one is locked.
        await using var command = new NpgsqlCommand("SELECT key FROM unnest(@slots) AS slot(key) WHERE pg_try_advisory_lock(key) LIMIT 1", _connection);
        command.Parameters.AddWithValue("slots", slots);
        if (await command.ExecuteScalarAsync(cancellationToken) is long)
        {
            return;
        }

        using (Waiting("slot"))
        {
            while (await command.ExecuteScalarAsync(cancellationToken) is not long)
            {
                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The connection is this lock's alone: every session lock on it is the tenant's or its slot.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The session is gone, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>
    /// One span for a whole wait, in the sync's trace; the polls themselves run outside any trace, so they are not
    /// traced at all (service defaults keep no client span without a parent).
    /// </summary>
    private static Waited Waiting(string what)
    {
        var span = SyncTelemetry.StartWait(what);
        var traced = Activity.Current;
        Activity.Current = null;
        return new Waited(span, traced);
    }

    private readonly struct Waited(Activity? span, Activity? traced) : IDisposable
    {
        public void Dispose()
        {
            Activity.Current = traced;
            span?.Dispose();
        }
    }

    private static long KeyFor(string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
}
