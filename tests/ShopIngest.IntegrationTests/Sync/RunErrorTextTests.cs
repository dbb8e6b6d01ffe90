using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sync.Resources;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// A run's error is read by the merchant on the dashboard: it says what happened in words, and never carries the text of
/// an exception from inside the server (addresses, stack details), which stays in the server's log.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class RunErrorTextTests(AppHostFixture fixture)
{
    private const string InternalDetail = "10.20.30.40:5432 pool exhausted in Npgsql.ConnectorPool";

    [Fact]
    public async Task An_unexpected_failure_inside_the_server_is_reported_without_its_exception_text()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 5);
        await using var engine = await SyncEngine.CreateAsync(fixture, shopifyAnswers: () => new Throwing(new InvalidOperationException(InternalDetail)));

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var run = Assert.Single(await SyncedData.RunsAsync(fixture, tenant.Id));
        Assert.Equal("failed", run.Status);
        Assert.True(run.Error?.Contains("internal error", StringComparison.Ordinal), $"the error does not say it was internal: {run.Error}");
        Assert.False(run.Error!.Contains("10.20.30.40", StringComparison.Ordinal), $"the error leaks the exception's text: {run.Error}");
    }

    [Fact]
    public async Task A_connection_that_keeps_failing_is_reported_without_the_socket_errors_text()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 5);
        await using var engine = await SyncEngine.CreateAsync(
            fixture, new Dictionary<string, string?> { ["Sync:MaxTransientRetries"] = "1" }, shopifyAnswers: () => new Throwing(new HttpRequestException(InternalDetail)));

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var run = Assert.Single(await SyncedData.RunsAsync(fixture, tenant.Id));
        Assert.Equal("failed", run.Status);
        Assert.True(run.Error?.Contains("connection to Shopify failed", StringComparison.Ordinal), $"the error does not say the connection failed: {run.Error}");
        Assert.False(run.Error!.Contains("10.20.30.40", StringComparison.Ordinal), $"the error leaks the exception's text: {run.Error}");
    }

    /// <summary>Fails every request to Shopify with <paramref name="failure"/>, as a broken network or a bug would.</summary>
    private sealed class Throwing(Exception failure) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw failure;
    }
}
