using System.Reflection;
using Microsoft.Playwright;

namespace ShopIngest.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. The tests never download a browser: without Chromium they fail,
/// saying what to install.
/// </summary>
internal static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    // Without the networking flags Chromium keeps calling Google's services, which this closed network refuses.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("SHOPINGEST_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ExecutablePath}: install it with `apt-get install -y chromium` " +
                "(the browser tests drive Debian's Chromium and never download a browser).");
        }

        // Belt and braces: nothing in this process may fetch a browser.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
        return (playwright, browser);
    }

    /// <summary>The test run's results folder (TestResults/ShopIngest.BrowserTests), for screenshots.</summary>
    public static string ResultsDirectory
    {
        get
        {
            var configured = typeof(Chromium).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "ResultsDirectory")?.Value;
            var directory = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "TestResults") : configured;
            Directory.CreateDirectory(directory);
            return directory;
        }
    }
}
