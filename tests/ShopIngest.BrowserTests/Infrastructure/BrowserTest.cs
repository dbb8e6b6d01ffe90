using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ShopIngest.BrowserTests.Infrastructure;

/// <summary>
/// A test class with its own Chromium, launched before its tests and closed after them. Pages it opens report console
/// errors and warnings (Content-Security-Policy violations among them) and uncaught errors to <see cref="AssertNoConsoleProblems"/>.
/// </summary>
public abstract class BrowserTest(ITestOutputHelper output) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<string> _consoleProblems = [];

    protected ITestOutputHelper Output => output;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The dashboard of <paramref name="shop"/> in a fresh context, signed in.</summary>
    protected async Task<IPage> OpenSignedInAsync(Uri hostUrl, TestShop shop, int width = 1366, int height = 900)
    {
        var browser = _browser ?? throw new InvalidOperationException("Chromium has not been launched.");
        var page = await DashboardPages.OpenAsync(browser, hostUrl, width, height, _consoleProblems);
        await DashboardPages.SignInAsync(page, shop.Email, shop.Password, shop.Name);
        return page;
    }

    protected void AssertNoConsoleProblems() =>
        Assert.True(_consoleProblems.Count == 0, $"The browser console reported: {string.Join(Environment.NewLine, _consoleProblems)}");

    /// <summary>A picture of one part of the page, beside the test results.</summary>
    protected async Task ScreenshotAsync(ILocator part, string name)
    {
        var path = Path.Combine(Chromium.ResultsDirectory, name);
        await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
