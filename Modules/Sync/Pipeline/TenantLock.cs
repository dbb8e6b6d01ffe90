using Npgsql;

namespace ShopIngest.Modules.Sync.Pipeline;

/// <summary>
/// PostgreSQL session advisory locks held for a whole tenant sync: one per tenant, so that whatever schedules the work
/// (Quartz on any number of replicas, a manual trigger, a test) two syncs of one tenant never overlap; and one of
/// <see cref="SyncOptions.MaxConcurrentTenants"/> numbered slots, so that the replicas together never sync more tenants
/// at once. A crashed holder's session ends and frees its locks with it.
/// </summary>
internal sealed class TenantLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly NpgsqlConnection _connection;

    private TenantLock(NpgsqlConnection connection) => _connection = connection;

    public static long KeyFor(Guid tenantId) => KeyFor($"shopingest.sync:{tenantId:N}");

    /// <summary>
    /// Waits until no other sync of the tenant runs anywhere, then until one of <paramref name="slots"/> cluster-wide
    /// slots is free, and holds both until disposed.
    /// </summary>
    public static async Task<TenantLock> AcquireAsync(
        NpgsqlDataSource dataSource, Guid tenantId, int slots, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var tenantKey = KeyFor(tenantId);
            while (!await TryLockAsync(connection, tenantKey, cancellationToken))
            {
                await Task.Delay(PollInterval, time, cancellationToken);
            }

            while (!await TryAnySlotAsync(connection, slots, cancellationToken))
            {
                await Task.Delay(PollInterval, time, cancellationToken);
            }

            return new TenantLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
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

    private static long KeyFor(string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    private static async Task<bool> TryAnySlotAsync(NpgsqlConnection connection, int slots, CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < slots; slot++)
        {
            if (await TryLockAsync(connection, KeyFor($"shopingest.sync.slot:{slot}"), cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
