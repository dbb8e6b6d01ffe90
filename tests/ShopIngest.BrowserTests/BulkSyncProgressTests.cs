using System.Globalization;
using System.Text.Json;
using ShopIngest.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace ShopIngest.BrowserTests;

/// <summary>
/// A large shop's first sync in the dashboard's sync panel (Host/ClientApp/src/sync.ts): its orders go through a Shopify
/// bulk export, whose progress the panel shows while Shopify exports, and which the finished run names.
/// </summary>
[Collection(DashboardAppTests.Name)]
public sealed class BulkSyncProgressTests(DashboardAppFixture fixture, ITestOutputHelper output) : BrowserTest(output)
{
    /// <summary>Above the Host's <c>Sync:BulkThreshold</c> (2,000: the app host leaves the default), so the orders are exported in bulk.</summary>
    private const int Orders = 2_400;

    /// <summary>
    /// The simulator's export speed while the test watches it: an order and its line items are a few objects, so the
    /// export takes minutes, and the Host's polls (every 2 s at first) see it part-way. The test then speeds it up.
    /// </summary>
    private const int SlowObjectsPerSecond = 40;

    /// <summary>The export, the Host's polls backing off to 30 s, and the ingest, on a slow machine.</summary>
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(5);

    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    private const string RunQuery =
        "{ syncRuns(first: 20) { nodes { id resource status mode bulkStatus bulkRootObjectCount expectedRecords recordsUpserted notice error } } }";

    /// <summary>The orders' progress bar and what the panel says around it, read in one go (the panel redraws every second).</summary>
    private const string ReadProgress = """
        () => {
          const bar = document.querySelector('#sync-panel tr[data-progress-for=orders] [role=progressbar]');
          if (!bar) return null;
          const label = document.getElementById(bar.getAttribute('aria-labelledby'));
          return {
            step: bar.dataset.step,
            min: bar.getAttribute('aria-valuemin'),
            now: bar.getAttribute('aria-valuenow'),
            max: bar.getAttribute('aria-valuemax'),
            label: label ? label.textContent : null,
            runId: document.querySelector('#sync-panel tr[data-resource=orders]').dataset.runId,
            noteShown: !document.getElementById('sync-bulk-note').hidden,
          };
        }
        """;

    [Fact]
    public async Task A_large_first_sync_shows_Shopify_exporting_the_orders_and_ends_as_a_bulk_export()
    {
        var shop = await fixture.CreateAsync(orders: Orders, settings: new { bulkExportObjectsPerSecond = SlowObjectsPerSecond });
        var page = await OpenSignedInAsync(fixture.HostUrl, shop);

        await page.WaitForSelectorAsync("#sync-now:enabled");
        await page.ClickAsync("#sync-now");

        // Shopify has exported some of the orders: the bar stands part-way, as the run's counts say.
        await page.WaitForFunctionAsync(
            $"() => {{ const p = ({ReadProgress})(); return p !== null && p.step === 'export' && Number(p.now) > 0; }}",
            null, new() { Timeout = (float)SyncTimeout.TotalMilliseconds, PollingInterval = 250 });
        var progress = await page.EvaluateAsync<JsonElement>(ReadProgress);
        Output.WriteLine($"Progress: {progress}");
        var runId = progress.GetProperty("runId").GetString()!;
        var run = await RunAsync(shop, runId);
        Assert.Equal("bulk", run.GetProperty("mode").GetString());
        var expected = run.GetProperty("expectedRecords").GetInt64();
        Assert.True(expected > 2_000, $"Shopify's count of the orders is {expected}; the shop has {Orders}.");

        var now = long.Parse(progress.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal("0", progress.GetProperty("min").GetString());
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), progress.GetProperty("max").GetString());
        // The panel is at most a refresh behind the run, which only moves forward.
        Assert.InRange(now, 1, Math.Min(expected, run.GetProperty("bulkRootObjectCount").GetInt64()));
        Assert.Equal(
            $"Shopify is exporting the shop's history: {now.ToString("N0", EnUs)} of {expected.ToString("N0", EnUs)} orders",
            progress.GetProperty("label").GetString());
        Assert.True(progress.GetProperty("noteShown").GetBoolean(), "The two steps of a large first sync are not explained while it runs.");
        Assert.Contains("bulk export, step 1 of 2", await page.TextContentAsync("#sync-panel tr[data-resource=orders]"), StringComparison.Ordinal);
        await ScreenshotAsync(page.Locator("#sync-panel"), "sync-bulk-export.png");

        // Shopify speeds up: the export ends, ShopIngest writes it, and the sync started by "Sync now" ends.
        await fixture.SetSettingsAsync(shop, new { bulkExportObjectsPerSecond = 1_000_000 });
        await page.WaitForSelectorAsync("#sync-message[data-outcome]", new() { Timeout = (float)SyncTimeout.TotalMilliseconds });
        var message = await page.TextContentAsync("#sync-message");
        Output.WriteLine($"Sync now: {message}");
        Assert.True(await page.GetAttributeAsync("#sync-message", "data-outcome") == "succeeded", $"The sync did not succeed: {message}");

        run = await RunAsync(shop, runId);
        Assert.True(run.GetProperty("status").GetString() == "succeeded", $"The bulk run did not succeed: {run}");
        Assert.Equal("bulk", run.GetProperty("mode").GetString());
        Assert.Equal("COMPLETED", run.GetProperty("bulkStatus").GetString());

        // Done: no bar, no explanation, and the run says discreetly that it was a bulk export.
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#sync-panel tr[data-resource=orders]').dataset.status === 'succeeded' && " +
            "!document.querySelector('#sync-panel tr[data-progress-for]') && document.getElementById('sync-bulk-note').hidden");
        var orders = page.Locator("#sync-panel tr[data-resource=orders]");
        if (await orders.GetAttributeAsync("data-run-id") == runId)
        {
            Assert.Contains("bulk export", await orders.TextContentAsync(), StringComparison.Ordinal);
        }
        else
        {
            // The schedule began the first sync moments before "Sync now": the bar was the schedule's run, and the
            // row now shows the paged sync that "Sync now" queued behind it.
            Assert.Equal("paged", await orders.GetAttributeAsync("data-mode"));
        }

        await ScreenshotAsync(page.Locator("#sync-panel"), "sync-bulk-finished.png");
        AssertNoConsoleProblems();
    }

    private async Task<JsonElement> RunAsync(TestShop shop, string runId)
    {
        var runs = (await fixture.GraphQLAsync(RunQuery, bearerToken: shop.BearerToken)).GetProperty("syncRuns").GetProperty("nodes");
        return runs.EnumerateArray().Single(run => run.GetProperty("id").GetString() == runId);
    }
}
