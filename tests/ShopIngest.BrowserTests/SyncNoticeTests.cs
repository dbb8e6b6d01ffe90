using System.Text.Json;
using Microsoft.Playwright;
using ShopIngest.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace ShopIngest.BrowserTests;

/// <summary>
/// The dashboard's notices about a shop that cannot be synced completely (Host/ClientApp/src/notices.ts): each shop is
/// made in the simulator for its test, with the scopes or faults the notice is about, and synced with "Sync now".
/// </summary>
[Collection(DashboardAppTests.Name)]
public sealed class SyncNoticeTests(DashboardAppFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(3);

    /// <summary>After a sync ends the panel looks again within a second; at worst its idle refresh comes after 15 s.</summary>
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(30);

    private const string ShopStateQuery =
        "{ me { shop { access { grantedScopes missingScopes checkedAt } ordersHistoryLimited syncPausedReason syncPausedUntil credentialsError } } }";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<string> _consoleProblems = [];

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [Fact]
    public async Task A_shop_without_read_all_orders_is_told_that_only_60_days_of_orders_are_visible()
    {
        var shop = await fixture.CreateAsync(scopes: ["read_products", "read_customers", "read_orders"]);
        var page = await OpenSignedInAsync(shop);

        await SyncNowAsync(page);
        var banner = await WaitForNoticeAsync(page, shop, "limited-history");
        var text = await banner.TextContentAsync();
        Assert.Contains("Only your last 60 days of orders are visible", text, StringComparison.Ordinal);
        Assert.Contains("read_all_orders", text, StringComparison.Ordinal);
        Assert.Contains("then sync again", text, StringComparison.Ordinal);
        Assert.Equal("status", await banner.GetAttributeAsync("role"));
        Assert.True(await banner.IsVisibleAsync(), "The limited-history notice is in the page but not visible.");
        // read_all_orders only widens read_orders: nothing else is missing, so nothing else is said.
        Assert.Equal(0, await page.Locator("[data-notice]:not([data-notice=limited-history])").CountAsync());

        // Ranges reaching back past what Shopify shows are marked incomplete; the last 30 days are not.
        await page.ClickAsync("button[data-preset='90']");
        await page.WaitForSelectorAsync("#range-history-note", new() { State = WaitForSelectorState.Visible });
        Assert.Contains("incomplete", await page.TextContentAsync("#range-history-note"), StringComparison.Ordinal);
        await page.ClickAsync("button[data-preset='30']");
        await page.WaitForSelectorAsync("#range-history-note", new() { State = WaitForSelectorState.Hidden });

        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task A_frozen_shop_missing_a_permission_shows_each_problem_with_what_to_do()
    {
        var shop = await fixture.CreateAsync(scopes: ["read_products", "read_orders"]);
        var page = await OpenSignedInAsync(shop);

        await SyncNowAsync(page);
        var missing = await WaitForNoticeAsync(page, shop, "missing-scopes");
        Assert.Equal("read_customers", await missing.GetAttributeAsync("data-scopes"));
        var missingText = await missing.TextContentAsync();
        Assert.Contains("ShopIngest cannot sync your customers", missingText, StringComparison.Ordinal);
        Assert.Contains("customers (read_customers)", missingText, StringComparison.Ordinal);
        Assert.Contains("Shopify admin", missingText, StringComparison.Ordinal);
        await WaitForNoticeAsync(page, shop, "limited-history");

        // Shopify freezes the shop (402 to every request): the next sync pauses the schedule.
        await fixture.SetFaultsAsync(shop, new { paymentRequiredRate = 1.0 });
        await SyncNowAsync(page);
        var paused = await WaitForNoticeAsync(page, shop, "paused");
        Assert.Equal("frozen", await paused.GetAttributeAsync("data-pause"));
        Assert.Equal("alert", await paused.GetAttributeAsync("role"));
        var pausedText = await paused.TextContentAsync();
        Assert.Contains("Shopify has frozen your shop", pausedText, StringComparison.Ordinal);
        Assert.Contains("Pay the outstanding Shopify bill", pausedText, StringComparison.Ordinal);
        Assert.Contains("\"Sync now\" tries right away", pausedText, StringComparison.Ordinal);

        // The next attempt, as the browser writes dates and times.
        var pausedUntil = (await ShopStateAsync(shop)).GetProperty("syncPausedUntil").GetString();
        Assert.False(string.IsNullOrEmpty(pausedUntil), "The API reports no syncPausedUntil for the paused shop.");
        var expected = await page.EvaluateAsync<string>(
            "iso => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))", pausedUntil);
        Assert.Contains($"Next automatic attempt: {expected}.", pausedText, StringComparison.Ordinal);

        // Every problem stays in view, the one that stops syncing first.
        var kinds = await page.EvalOnSelectorAllAsync<string[]>("#shop-notices [data-notice]", "banners => banners.map(b => b.dataset.notice)");
        Assert.Equal(["paused", "missing-scopes", "limited-history"], kinds);

        // The failed runs point to the notice instead of repeating its long text three times.
        Assert.Contains("see the notice at the top", await page.TextContentAsync("#sync-panel tr[data-resource=orders]"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "dashboard-notices.png");

        // Readable on a phone: the banners wrap, nothing is wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(500);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The dashboard with notices is wider than a phone's screen.");
        await ScreenshotAsync(page, "dashboard-notices-phone.png");
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task A_refused_token_is_explained_and_a_new_one_can_be_entered()
    {
        var shop = await fixture.CreateAsync(signUpToken: $"shpat_not_this_shops_{Guid.NewGuid():N}");
        var page = await OpenSignedInAsync(shop);

        await SyncNowAsync(page);
        var refused = await WaitForNoticeAsync(page, shop, "credentials");
        Assert.Equal("alert", await refused.GetAttributeAsync("role"));
        var text = await refused.TextContentAsync();
        Assert.Contains("Shopify refused ShopIngest's access token", text, StringComparison.Ordinal);
        Assert.Contains("enter it below", text, StringComparison.Ordinal);
        await ScreenshotAsync(page, "dashboard-token-refused.png");

        await page.FillAsync("#new-access-token", shop.SimulatorToken);
        await page.ClickAsync("#token-form button[type=submit]");
        await page.WaitForSelectorAsync("[data-notice=token-saved]");
        Assert.Equal(0, await page.Locator("[data-notice=credentials]").CountAsync());

        var (outcome, message) = await SyncNowAsync(page);
        Assert.True(outcome == "succeeded", $"The sync with the new token did not succeed: {message}");
        AssertNoConsoleProblems();
    }

    private async Task<IPage> OpenSignedInAsync(TestShop shop)
    {
        var page = await DashboardPages.OpenAsync(_browser!, fixture.HostUrl, width: 1366, height: 900, _consoleProblems);
        await DashboardPages.SignInAsync(page, shop.Email, shop.Password, shop.Name);
        return page;
    }

    /// <summary>Clicks "Sync now" and waits until the runs it started have ended; returns how (data-outcome) and the panel's message.</summary>
    private async Task<(string? Outcome, string? Message)> SyncNowAsync(IPage page)
    {
        // A scheduled sync may hold the button for a moment.
        await page.WaitForSelectorAsync("#sync-now:enabled", new() { Timeout = (float)SyncTimeout.TotalMilliseconds });
        await page.ClickAsync("#sync-now");
        await page.WaitForSelectorAsync("#sync-message[data-outcome]", new() { Timeout = (float)SyncTimeout.TotalMilliseconds });
        var outcome = await page.GetAttributeAsync("#sync-message", "data-outcome");
        var message = await page.TextContentAsync("#sync-message");
        output.WriteLine($"Sync now: {outcome}: {message}");
        return (outcome, message);
    }

    /// <summary>
    /// The visible notice of a kind; when it does not come, fails saying what the API reports about the shop, so that
    /// a dashboard problem and a backend (or simulator) one can be told apart.
    /// </summary>
    private async Task<ILocator> WaitForNoticeAsync(IPage page, TestShop shop, string kind)
    {
        var banner = page.Locator($"#shop-notices [data-notice={kind}]");
        try
        {
            await banner.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = (float)NoticeTimeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            var shown = await page.EvalOnSelectorAllAsync<string[]>("#shop-notices [data-notice]", "banners => banners.map(b => b.dataset.notice)");
            Assert.Fail(
                $"The dashboard shows no '{kind}' notice {NoticeTimeout.TotalSeconds:0} s after the sync ended " +
                $"(notices shown: [{string.Join(", ", shown)}]; sync panel: \"{await page.TextContentAsync("#sync-message")}\"). " +
                $"The API reports the shop {shop.Domain} as {await ShopStateAsync(shop)}. If it reports every scope granted or no pause, " +
                "the simulator may not yet honour `scopes` in POST /_sim/shops or `paymentRequiredRate` in its faults.");
        }

        return banner;
    }

    private async Task<JsonElement> ShopStateAsync(TestShop shop) =>
        (await fixture.GraphQLAsync(ShopStateQuery, bearerToken: shop.BearerToken)).GetProperty("me").GetProperty("shop");

    private void AssertNoConsoleProblems() =>
        Assert.True(_consoleProblems.Count == 0, $"The browser console reported: {string.Join(Environment.NewLine, _consoleProblems)}");

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Chromium.ResultsDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
