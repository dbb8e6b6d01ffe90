using System.Diagnostics;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Catalog;
using ShopIngest.Modules.Identity;
using ShopIngest.Modules.Sales;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Sync;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Scheduling;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// What an operator's trace list shows: the modules and the Host's telemetry defaults in this process, exporting to
/// memory, with the schedule, Quartz and a lock wait all at work over a database of their own.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class SyncTraceTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Background_housekeeping_starts_no_trace_and_each_tenant_sync_is_one_trace_saying_what_it_did()
    {
        var (database, ownerConnectionString) = await ReplicaCluster.CreateDatabaseAsync(fixture);
        var exported = new List<Activity>();
        try
        {
            var shop = await SimulatedShop.CreateAsync(fixture, products: 3, customers: 3, orders: 30);

            // Slow answers: each sync lasts a few seconds, so a second one has to wait for the shop's lock.
            await shop.SetFaultsAsync(new { latencyMs = 300 });
            await using var app = await StartAppAsync(ownerConnectionString, exported);
            var exit = await app.RunIdentityCommandAsync(
                ["create-tenant", "--email", $"owner@{shop.Domain}", "--password", "trace-test-password", "--shop", shop.Domain, "--access-token", shop.AccessToken, "--name", "Traced"]);
            Assert.Equal(0, exit);
            await app.StartAsync();

            // The schedule syncs the shop; meanwhile a manual sync asked for waits for the shop's lock.
            var tenantId = await WaitForScheduledStartAsync(ownerConnectionString);
            await app.Services.GetRequiredService<SyncTriggers>().StartManualAsync(tenantId, [SyncResource.Orders], CancellationToken.None);

            // Sweeps five times a second, enrolments each interval, Quartz checking in and polling its store.
            await Task.Delay(TimeSpan.FromSeconds(12));
            await app.StopAsync();
        }
        finally
        {
            await ReplicaCluster.DropDatabaseAsync(fixture, database);
        }

        var spans = exported.ToList();
        var roots = spans.Where(span => span.ParentSpanId == default).ToList();
        var strays = roots.Where(root => root.DisplayName != "sync tenant").Select(root => $"{root.Source.Name}: {root.DisplayName}").Distinct().ToList();
        Assert.True(strays.Count == 0, $"traces were started by something other than a tenant sync: {string.Join("; ", strays)}");
        Assert.Contains(spans, span => span.Source.Name == "Npgsql");

        var scheduled = roots.First(root => (string?)root.GetTagItem("shopingest.sync.trigger") == "schedule");
        Assert.Equal("trace-node", scheduled.GetTagItem("shopingest.node"));
        Assert.NotNull(scheduled.GetTagItem("shopingest.tenant_id"));
        var orders = spans.Single(span => span.TraceId == scheduled.TraceId && span.DisplayName == "sync orders");
        Assert.Equal("orders", orders.GetTagItem("shopingest.sync.resource"));
        Assert.Equal("paged", orders.GetTagItem("shopingest.sync.mode"));
        Assert.Equal(30L, orders.GetTagItem("shopingest.sync.records"));
        Assert.True(orders.GetTagItem("shopingest.sync.api_points") is long points && points > 0, "the orders run's span carries the points it spent");
        Assert.Contains(spans, span => span.TraceId == scheduled.TraceId && span.Source.Name == "Npgsql");

        var manual = roots.Single(root => (string?)root.GetTagItem("shopingest.sync.trigger") == "manual");
        Assert.NotEqual(scheduled.TraceId, manual.TraceId);
    }

    private async Task<WebApplication> StartAppAsync(string ownerConnectionString, List<Activity> exported)
    {
        var simulator = fixture.App.GetEndpoint("shopify-sim", "http").ToString().TrimEnd('/');
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ModuleDatabase.ConnectionName}"] = ownerConnectionString,
            ["Shopify:BaseUrlTemplate"] = $"{simulator}/shops/{{shop}}",
            ["Auth:SigningKey"] = fixture.SigningKey,
            ["DataProtection:KeyEncryptionKey"] = fixture.KeyEncryptionKey,
            ["Sync:Interval"] = "00:00:05",
            ["Sync:SchedulePollInterval"] = "00:00:00.200",
            ["Sync:SchedulerName"] = $"traces-{Guid.NewGuid():N}",
            ["Sync:NodeId"] = "trace-node",
        });
        builder.ConfigureOpenTelemetry();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        builder.AddIdentityModule();
        builder.AddCatalogModule();
        builder.AddSalesModule();
        builder.AddSyncModule();
        var app = builder.Build();
        await app.Services.MigrateModuleDatabasesAsync();
        return app;
    }

    /// <summary>The tenant whose scheduled sync has started (the only one of the database).</summary>
    private static async Task<Guid> WaitForScheduledStartAsync(string ownerConnectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT tenant_id FROM sync.runs WHERE trigger = 'schedule' AND status = 'running' LIMIT 1", connection);
        Guid? tenant = null;
        await SyncedData.WaitUntilAsync(async () => (tenant = await command.ExecuteScalarAsync() as Guid?) is not null);
        return tenant!.Value;
    }
}
