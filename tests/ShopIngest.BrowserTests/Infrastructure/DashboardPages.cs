using Microsoft.Playwright;

namespace ShopIngest.BrowserTests.Infrastructure;

/// <summary>Opening the dashboard in a fresh browser context, and signing in.</summary>
internal static class DashboardPages
{
    /// <summary>
    /// A page in its own context (its own session storage) in US English; console errors and warnings (among them
    /// Content-Security-Policy violations) and uncaught errors are added to <paramref name="consoleProblems"/>.
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowser browser, Uri baseUrl, int width, int height, List<string> consoleProblems)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                consoleProblems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => consoleProblems.Add($"page error: {error}");
        return page;
    }

    public static async Task SignInAsync(IPage page, string email, string password, string expectedShopName, bool goToPage = true)
    {
        if (goToPage)
        {
            await page.GotoAsync("/");
        }

        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#sign-out");
        Assert.Equal(expectedShopName, await page.TextContentAsync("#shop-name"));
    }
}
