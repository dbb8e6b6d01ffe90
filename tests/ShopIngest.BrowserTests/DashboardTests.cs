using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ShopIngest.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace ShopIngest.BrowserTests;

/// <summary>
/// The merchant dashboard in headless Chromium against the real app host and the simulator's demo shop:
/// what the page shows must be what the API answers.
/// </summary>
[Collection(DashboardAppTests.Name)]
public sealed class DashboardTests(DashboardAppFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(3);

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
    public async Task A_merchant_signs_in_sees_the_figures_of_the_API_syncs_now_and_signs_out()
    {
        var token = await fixture.DemoTokenAsync();
        await WaitUntilNoSyncRunsAsync(token);
        var page = await NewPageAsync(width: 1366, height: 900);

        await SignInAsync(page);

        // KPI cards: the default range is the last 30 days of the shop's calendar.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-kpi][data-value]').length === 4");
        var from = await page.InputValueAsync("#range-from");
        var to = await page.InputValueAsync("#range-to");
        Assert.Equal(30, Days(from, to));
        var stats = (await fixture.GraphQLAsync(
            "query($from: Date, $to: Date) { stats(from: $from, to: $to) { totalRevenue totalOrders averageOrderValue totalCustomers currency } }",
            new { from, to }, token)).GetProperty("stats");
        await AssertMoneyKpiAsync(page, "totalRevenue", stats.GetProperty("totalRevenue").Decimal());
        await AssertMoneyKpiAsync(page, "averageOrderValue", stats.GetProperty("averageOrderValue").Decimal());
        await AssertCountKpiAsync(page, "totalOrders", stats.GetProperty("totalOrders").GetInt64());
        await AssertCountKpiAsync(page, "totalCustomers", stats.GetProperty("totalCustomers").GetInt64());
        Assert.True(stats.GetProperty("totalCustomers").GetInt64() > 0, "The demo shop should have customers after its first sync.");

        // The chart: one point per day of the range, as salesByDate answers.
        await page.WaitForSelectorAsync("#sales-chart[data-points]");
        var sales = (await fixture.GraphQLAsync(
            "query($from: Date!, $to: Date!) { salesByDate(from: $from, to: $to, interval: DAY) { date orders revenue } }",
            new { from, to }, token)).GetProperty("salesByDate");
        Assert.Equal(30, sales.GetArrayLength());
        Assert.Equal("30", await page.GetAttributeAsync("#sales-chart", "data-points"));
        Assert.Equal("DAY", await page.GetAttributeAsync("#sales-chart", "data-interval"));
        Assert.Equal(30, await page.Locator(".chart-data tbody tr").CountAsync());
        Assert.True(await page.EvalOnSelectorAsync<bool>("#sales-chart", "canvas => canvas.width > 0 && canvas.height > 0"));

        // Top customers, in the API's order with its amounts.
        var top = (await fixture.GraphQLAsync("{ topCustomers(first: 5) { shopifyId email amountSpent } }", bearerToken: token))
            .GetProperty("topCustomers").EnumerateArray().ToList();
        Assert.Equal(5, top.Count);
        await page.WaitForSelectorAsync("#top-customers tr[data-shopify-id]");
        var shownIds = await page.EvalOnSelectorAllAsync<string[]>("#top-customers tr", "rows => rows.map(r => r.dataset.shopifyId)");
        Assert.Equal(top.Select(c => c.GetProperty("shopifyId").GetString()), shownIds);
        var shownAmounts = await page.EvalOnSelectorAllAsync<string[]>("#top-customers td[data-value]", "cells => cells.map(c => c.dataset.value)");
        Assert.Equal(top.Select(c => c.GetProperty("amountSpent").Decimal()), shownAmounts.Select(Json.ParseDecimal));

        await BrowseAsync(page, token, top[0].GetProperty("email").GetString()!, top[0].GetProperty("shopifyId").GetString()!);

        // "Sync now" starts a manual sync and shows it finishing.
        await page.ClickAsync("#sync-now");
        await page.WaitForSelectorAsync("#sync-message[data-outcome]", new() { Timeout = (float)SyncTimeout.TotalMilliseconds });
        var message = await page.TextContentAsync("#sync-message");
        Assert.True(await page.GetAttributeAsync("#sync-message", "data-outcome") == "succeeded", $"The sync did not succeed: {message}");
        Assert.StartsWith("Sync finished", message, StringComparison.Ordinal);
        var runs = (await fixture.GraphQLAsync("{ syncRuns(first: 3) { nodes { resource trigger status } } }", bearerToken: token))
            .GetProperty("syncRuns").GetProperty("nodes").EnumerateArray().ToList();
        Assert.All(runs, run => Assert.Equal(("manual", "succeeded"), (run.GetProperty("trigger").GetString(), run.GetProperty("status").GetString())));
        await page.WaitForFunctionAsync(
            "() => ['products', 'customers', 'orders'].every(r => document.querySelector(`#sync-panel tr[data-resource=${r}]`)?.dataset.status === 'succeeded')");

        await ScreenshotAsync(page, "dashboard.png");

        // Readable on a phone: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(500);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The dashboard is wider than a phone's screen.");
        await ScreenshotAsync(page, "dashboard-phone.png");

        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#login-notice");
        Assert.Contains("signed out", await page.TextContentAsync("#login-notice"), StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));

        Assert.True(_consoleProblems.Count == 0, $"The browser console reported: {string.Join(Environment.NewLine, _consoleProblems)}");
    }

    [Fact]
    public async Task Sign_in_failures_and_an_expired_session_are_explained_in_words()
    {
        var page = await NewPageAsync(width: 1280, height: 800);
        await page.GotoAsync("/");

        await page.FillAsync("#login-email", DashboardAppFixture.DemoEmail);
        await page.FillAsync("#login-password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#login-error:visible");
        Assert.Equal("The email or password is not right. Check them and try again.", await page.TextContentAsync("#login-error"));

        await SignInAsync(page, goToPage: false);
        // The token stops working (expired, or the signing key changed): the next request returns to the sign-in page.
        await page.EvaluateAsync("""
            () => {
              const session = JSON.parse(sessionStorage.getItem('shopingest.session'));
              session.token = session.token.slice(0, -4) + 'AAAA';
              sessionStorage.setItem('shopingest.session', JSON.stringify(session));
            }
            """);
        await ClickUnlessGoneAsync(page.Locator("button[data-preset='7']"));
        await page.WaitForSelectorAsync("#login-notice");
        Assert.Equal("Your session has expired. Please sign in again.", await page.TextContentAsync("#login-notice"));
        Assert.True(_consoleProblems.Count == 0, $"The browser console reported: {string.Join(Environment.NewLine, _consoleProblems)}");
    }

    [Fact]
    public async Task The_page_has_a_strict_content_security_policy_and_cache_headers_and_the_API_still_answers()
    {
        using var client = fixture.CreateClient();

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoCache, "index.html must be revalidated on every visit.");
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);

        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        using var asset = await client.GetAsync(new Uri(script, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var plain = await asset.Content.ReadAsByteArrayAsync();

        // A browser that accepts Brotli gets the same script, compressed.
        using var brotliRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(script, UriKind.Relative));
        brotliRequest.Headers.AcceptEncoding.ParseAdd("br");
        using var brotli = await client.SendAsync(brotliRequest);
        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        var compressed = await brotli.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 2, $"{compressed.Length} compressed bytes for {plain.Length}");
        await using (var decompressed = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            await decompressed.CopyToAsync(copy);
            Assert.Equal(plain, copy.ToArray());
        }

        // API answers stay uncompressed: they may carry secrets next to what the caller sent.
        using var apiRequest = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ serverInfo { version } }" }),
        };
        apiRequest.Headers.AcceptEncoding.ParseAdd("br");
        using var apiAnswer = await client.SendAsync(apiRequest);
        Assert.Equal(System.Net.HttpStatusCode.OK, apiAnswer.StatusCode);
        Assert.Empty(apiAnswer.Content.Headers.ContentEncoding);

        foreach (var path in new[] { "/health", "/alive" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Content-Security-Policy"), $"{path} is not the page.");
        }

        var serverInfo = await fixture.GraphQLAsync("{ serverInfo { version } }");
        Assert.NotEqual(JsonValueKind.Undefined, serverInfo.GetProperty("serverInfo").ValueKind);
    }

    private Task<IPage> NewPageAsync(int width, int height) =>
        DashboardPages.OpenAsync(_browser!, fixture.HostUrl, width, height, _consoleProblems);

    private static Task SignInAsync(IPage page, bool goToPage = true) =>
        DashboardPages.SignInAsync(page, DashboardAppFixture.DemoEmail, DashboardAppFixture.DemoPassword, "Demo shop", goToPage);

    /// <summary>The orders, customers and products tables: counts as the API's, search, paging.</summary>
    private async Task BrowseAsync(IPage page, string token, string customerEmail, string customerId)
    {
        await page.WaitForSelectorAsync(".browse-table[data-resource=orders] tbody tr");
        Assert.EndsWith($"of {await TotalCountAsync("orders", token)}", await page.TextContentAsync("#browse-count"), StringComparison.Ordinal);
        await page.ClickAsync("#browse .pager button:has-text('Next')");
        await page.WaitForFunctionAsync("() => document.querySelector('#browse-count')?.textContent.startsWith('26')");

        await page.ClickAsync("#tab-customers");
        await page.WaitForSelectorAsync(".browse-table[data-resource=customers] tbody tr");
        Assert.EndsWith($"of {await TotalCountAsync("customers", token)}", await page.TextContentAsync("#browse-count"), StringComparison.Ordinal);
        await page.FillAsync("#browse-search", customerEmail);
        await page.WaitForSelectorAsync($".browse-table[data-resource=customers] tbody tr[data-shopify-id='{customerId}']");

        await page.ClickAsync("#tab-products");
        await page.WaitForSelectorAsync(".browse-table[data-resource=products] tbody tr");
        Assert.EndsWith($"of {await TotalCountAsync("products", token)}", await page.TextContentAsync("#browse-count"), StringComparison.Ordinal);
        await page.ClickAsync("#tab-orders");
        await page.WaitForSelectorAsync(".browse-table[data-resource=orders] tbody tr");

        async Task<string> TotalCountAsync(string field, string bearer) =>
            (await fixture.GraphQLAsync($"{{ {field}(first: 1) {{ totalCount }} }}", bearerToken: bearer))
                .GetProperty(field).GetProperty("totalCount").GetInt64().ToString("N0", EnUs);
    }

    private async Task AssertMoneyKpiAsync(IPage page, string kpi, decimal expected)
    {
        var element = page.Locator($"[data-kpi={kpi}]");
        // The browser holds amounts that arrive as JSON numbers as doubles: equal to the cent, which is what is shown.
        Assert.Equal(decimal.Round(expected, 2), decimal.Round(Json.ParseDecimal(await element.GetAttributeAsync("data-value")), 2));
        var text = await element.TextContentAsync();
        Assert.Contains(decimal.Round(expected, 2).ToString("N2", EnUs), text, StringComparison.Ordinal);
        output.WriteLine($"{kpi}: {text}");
    }

    private async Task AssertCountKpiAsync(IPage page, string kpi, long expected)
    {
        var element = page.Locator($"[data-kpi={kpi}]");
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await element.GetAttributeAsync("data-value"));
        Assert.Equal(expected.ToString("N0", EnUs), await element.TextContentAsync());
        output.WriteLine($"{kpi}: {expected}");
    }

    /// <summary>The demo shop is synced at start-up; the figures must not move while the test compares them.</summary>
    private async Task WaitUntilNoSyncRunsAsync(string token)
    {
        var deadline = DateTimeOffset.UtcNow + SyncTimeout;
        while (true)
        {
            var statuses = (await fixture.GraphQLAsync("{ syncStatus { resource lastRun { status error } } }", bearerToken: token))
                .GetProperty("syncStatus").EnumerateArray().ToList();
            var runs = statuses.Select(s => s.GetProperty("lastRun")).ToList();
            var failed = runs.FirstOrDefault(r => r.ValueKind == JsonValueKind.Object && r.GetProperty("status").GetString() == "failed");
            Assert.True(failed.ValueKind != JsonValueKind.Object, $"The demo shop's first sync failed: {failed}");
            if (runs.Count == 3 && runs.All(r => r.ValueKind == JsonValueKind.Object && r.GetProperty("status").GetString() == "succeeded"))
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The demo shop's first sync did not finish: {JsonSerializer.Serialize(statuses)}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Chromium.ResultsDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }

    private static int Days(string from, string to) =>
        (DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber
         - DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber) + 1;

    /// <summary>
    /// Clicks what may vanish first: while a sync runs, the sync panel asks for its status every second, and with a
    /// broken token that request, not the click, can be the one that returns to the sign-in page.
    /// </summary>
    private static async Task ClickUnlessGoneAsync(ILocator target)
    {
        try
        {
            await target.ClickAsync(new LocatorClickOptions { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            Assert.Equal(0, await target.CountAsync());
        }
    }
}
