using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ShopIngest.Modules.Catalog;
using ShopIngest.Modules.Sales;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.IntegrationTests.Infrastructure;

/// <summary>
/// Modules (Catalog and Sales unless told otherwise) registered as the Host registers them, against the app
/// host's database, connecting as the runtime role (row-level security applies), so their internal services
/// can be called directly: in effect one more Host replica.
/// </summary>
internal sealed class ModuleServices : IAsyncDisposable
{
    private readonly IHost _host;

    private ModuleServices(IHost host) => _host = host;

    public NpgsqlDataSource RuntimeDataSource => _host.Services.GetRequiredService<NpgsqlDataSource>();

    public IServiceProvider Services => _host.Services;

    public static Task<ModuleServices> CreateAsync(AppHostFixture fixture) => CreateAsync(fixture, builder =>
    {
        builder.AddCatalogModule();
        builder.AddSalesModule();
    });

    public static async Task<ModuleServices> CreateAsync(AppHostFixture fixture, Action<IHostApplicationBuilder> addModules)
    {
        var ownerConnectionString = await fixture.OwnerConnectionStringAsync();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([
            new($"ConnectionStrings:{ModuleDatabase.ConnectionName}", ownerConnectionString),
            // The app host's key, so that tokens Identity issues here work against the Host too.
            new("Auth:SigningKey", fixture.SigningKey),
        ]);
        addModules(builder);
        return new ModuleServices(builder.Build());
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>A scope bound to <paramref name="tenantId"/>, as an authenticated request's would be.</summary>
    public AsyncServiceScope TenantScope(Guid tenantId)
    {
        var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return scope;
    }

    /// <summary>A scope that belongs to no tenant, as an anonymous request's.</summary>
    public AsyncServiceScope AnonymousScope() => _host.Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="write"/> in one committed transaction bound to the tenant, as Sync does for a page.</summary>
    public async Task<T> IngestAsync<T>(Guid tenantId, Func<IngestTransaction, Task<T>> write)
    {
        await using var connection = await RuntimeDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await transaction.SetTenantAsync(tenantId);
        var result = await write(new IngestTransaction(connection, transaction, tenantId));
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>Rows of <paramref name="sql"/> as the runtime role with <paramref name="tenantId"/> set.</summary>
    public async Task<List<object[]>> QueryAsTenantAsync(Guid tenantId, string sql)
    {
        await using var connection = await RuntimeDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await transaction.SetTenantAsync(tenantId);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
