using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>A scheduled run as the history holds it: which shop and resource, when it started, on which replica, how it ended.</summary>
internal sealed record ScheduledRun(Guid TenantId, string Resource, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Node)
{
    public override string ToString() => $"{StartedAt:HH:mm:ss.fff}–{FinishedAt:HH:mm:ss.fff} {Status} on {Node}";
}

/// <summary>
/// Host processes with the schedule on, as replicas over a database of their own on the app host's server (so that
/// their schedule sees only the shops a test signs up, never those of other tests), syncing from the app host's
/// simulator. Each replica is named replica-0, replica-1… (<c>Sync:NodeId</c>) and they form one Quartz cluster.
/// </summary>
internal sealed class ReplicaCluster : IAsyncDisposable
{
    private readonly AppHostFixture _fixture;
    private readonly string _database;
    private readonly string _ownerConnectionString;
    private readonly Dictionary<string, string> _settings;

    private ReplicaCluster(AppHostFixture fixture, string database, string ownerConnectionString, Dictionary<string, string> settings)
    {
        _fixture = fixture;
        _database = database;
        _ownerConnectionString = ownerConnectionString;
        _settings = settings;
    }

    public List<HostProcess?> Replicas { get; } = [];

    public static async Task<ReplicaCluster> StartAsync(AppHostFixture fixture, int replicas, TimeSpan interval, IReadOnlyDictionary<string, string>? settings = null)
    {
        var (database, ownerConnectionString) = await CreateDatabaseAsync(fixture);
        var simulator = fixture.App.GetEndpoint("shopify-sim", "http").ToString().TrimEnd('/');
        var all = new Dictionary<string, string>
        {
            ["ConnectionStrings__shopingest"] = ownerConnectionString,
            ["Shopify__BaseUrlTemplate"] = $"{simulator}/shops/{{shop}}",
            ["Identity__AllowSignUp"] = "true",
            ["Sync__ScheduleEnabled"] = "true",
            ["Sync__Interval"] = interval.ToString("c", CultureInfo.InvariantCulture),
            ["Sync__SchedulerName"] = $"replicas-{Guid.NewGuid():N}",
            ["Sync__RetryBaseDelay"] = "00:00:00.050",
            ["Sync__MaxRetryDelay"] = "00:00:00.200",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }

        var cluster = new ReplicaCluster(fixture, database, ownerConnectionString, all);
        try
        {
            // The first one alone: it applies the migrations the others then find done.
            cluster.Replicas.Add(await cluster.StartReplicaAsync(0));
            var others = await Task.WhenAll(Enumerable.Range(1, replicas - 1).Select(cluster.StartReplicaAsync));
            cluster.Replicas.AddRange(others);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new, empty database on the app host's server: its name and the owner's connection string to it.</summary>
    public static async Task<(string Name, string OwnerConnectionString)> CreateDatabaseAsync(AppHostFixture fixture)
    {
        var name = $"isolated_{Guid.NewGuid():N}"[..24];
        await using (var connection = await fixture.OpenDatabaseAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return (name, new NpgsqlConnectionStringBuilder(await fixture.OwnerConnectionStringAsync()) { Database = name }.ConnectionString);
    }

    public static async Task DropDatabaseAsync(AppHostFixture fixture, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static string NodeOf(int replica) => $"replica-{replica}";

    /// <summary>Kills the replica with SIGKILL: nothing in it gets to end a run or release a lock.</summary>
    public async Task KillAsync(int replica)
    {
        await Replicas[replica]!.DisposeAsync();
        Replicas[replica] = null;
    }

    /// <summary>Signs up a tenant for a new simulator shop through the first live replica; returns it and its owner's token.</summary>
    public async Task<(Guid TenantId, SimulatedShop Shop, string Token)> SignUpAsync(int products, int customers, int orders)
    {
        var shop = await SimulatedShop.CreateAsync(_fixture, products, customers, orders);
        using var client = Replicas.First(r => r is not null)!.CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new
        {
            query = TestTenants.SignUpMutation,
            variables = new { email = $"owner@{shop.Domain}", password = $"pw-{Guid.NewGuid():N}", shop = shop.Domain, accessToken = shop.AccessToken },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var signUp = body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data.GetProperty("signUp")
            : throw new InvalidOperationException($"signUp failed: {body}");
        return (signUp.GetProperty("shop").GetProperty("id").GetGuid(), shop, signUp.GetProperty("token").GetString()!);
    }

    /// <summary>Every scheduled run that has started, oldest first.</summary>
    public Task<List<ScheduledRun>> ScheduledRunsAsync() => QueryAsync(
        "SELECT tenant_id, resource, status, started_at, finished_at, node FROM sync.runs WHERE trigger = 'schedule' AND started_at IS NOT NULL ORDER BY started_at",
        reader => new ScheduledRun(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5)));

    /// <summary>What the live replicas logged about a shop, for a failure to say what happened.</summary>
    public string LogOf(Guid tenantId) => string.Join(Environment.NewLine, Replicas.OfType<HostProcess>()
        .SelectMany(replica => replica.Output.Split(Environment.NewLine).Where(line => line.Contains(tenantId.ToString(), StringComparison.Ordinal))));

    /// <summary>A resource of the tenant as stored: each record's id and updatedAt.</summary>
    public Task<List<RecordVersion>> RecordsAsync(Guid tenantId, string resource)
    {
        var table = resource switch { "products" => "catalog.products", "customers" => "sales.customers", _ => "sales.orders" };
        return QueryAsync($"SELECT shopify_id, updated_at FROM {table} WHERE tenant_id = '{tenantId}' ORDER BY shopify_id",
            reader => new RecordVersion(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)));
    }

    /// <summary>The database's clock, which the schedule keeps time by.</summary>
    public async Task<DateTimeOffset> NowAsync() => (await QueryAsync("SELECT now()", reader => reader.GetFieldValue<DateTimeOffset>(0)))[0];

    /// <summary>As the owner, a superuser here: row-level security does not hide other tenants' rows from it.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(_ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas.OfType<HostProcess>())
        {
            await replica.DisposeAsync();
        }

        await DropDatabaseAsync(_fixture, _database);
    }

    private Task<HostProcess> StartReplicaAsync(int replica) =>
        HostProcess.StartAsync(_fixture, new Dictionary<string, string>(_settings) { ["Sync__NodeId"] = NodeOf(replica) });
}
