using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>Manual syncs never pile up: one waiting run per resource, and a limit on how often a shop may ask.</summary>
[Collection(AppHostTests.Name)]
public sealed class ManualSyncRequestTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Requests_for_a_resource_that_already_waits_to_sync_get_that_run_back_even_when_they_race()
    {
        var tenant = await fixture.SignUpAsync();
        await using var engine = await SyncEngine.CreateAsync(fixture);
        var runs = engine.Services.GetRequiredService<SyncRunStore>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            runs.RequestManualAsync(tenant.Id, [new PlannedRun(Guid.CreateVersion7(), SyncResource.Orders)], CancellationToken.None)));

        var requested = answers.SelectMany(answer => answer).ToList();
        Assert.Equal(10, requested.Count);
        Assert.Single(requested.Select(r => r.Run.RunId).Distinct());
        Assert.Single(requested, r => r.IsNew);
        Assert.Single(await SyncedData.RunsAsync(fixture, tenant.Id));
    }

    [Fact]
    public async Task A_resource_whose_waiting_run_has_started_gets_a_new_run()
    {
        var tenant = await fixture.SignUpAsync();
        await using var engine = await SyncEngine.CreateAsync(fixture);
        var runs = engine.Services.GetRequiredService<SyncRunStore>();
        var first = Assert.Single(await runs.RequestManualAsync(tenant.Id, [new PlannedRun(Guid.CreateVersion7(), SyncResource.Products)], CancellationToken.None));
        await runs.StartAsync(tenant.Id, first.Run, RunTrigger.Manual, [first.Run.RunId], "test-node", CancellationToken.None);

        var second = Assert.Single(await runs.RequestManualAsync(tenant.Id, [new PlannedRun(Guid.CreateVersion7(), SyncResource.Products)], CancellationToken.None));

        Assert.True(second.IsNew, "a run that has started no longer stands for a new request");
        Assert.NotEqual(first.Run.RunId, second.Run.RunId);
    }

    [Fact]
    public async Task A_shop_asking_for_syncs_in_a_loop_is_told_to_wait_over_GraphQL_and_REST()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);

        string? code = null;
        var calls = 0;
        while (code is null && calls < 100)
        {
            calls++;
            using var response = await client.PostGraphQLAsync("mutation { syncProducts { id } }");
            code = (await response.ReadJsonAsync()).ErrorCode();
        }

        Assert.Equal("RATE_LIMITED", code);
        Assert.InRange(calls, 2, 100);
        using var rest = await client.PostAsync("/api/ingest/orders", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.NotNull(rest.Headers.RetryAfter);
        Assert.Contains("RATE_LIMITED", await rest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
