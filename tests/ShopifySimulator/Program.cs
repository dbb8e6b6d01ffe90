using ShopIngest.ShopifySimulator;
using ShopIngest.ShopifySimulator.Measurement;

// `--measure` prints generation and serving figures instead of starting the server.
if (args.Contains("--measure"))
{
    await PerformanceProbe.RunAsync(Console.Out);
    return;
}

await SimulatorApp.Build(args).RunAsync();
