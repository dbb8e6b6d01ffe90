using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Control;

/// <summary>
/// Creates the shop of the <c>Simulator:DemoShop</c> section (if it names a shop) before the server
/// starts listening, so the health endpoint answers only once the demo shop can be queried.
/// </summary>
internal sealed class DemoShopSeeder(IConfiguration configuration, ShopRegistry shops, ILogger<DemoShopSeeder> logger) : IHostedService
{
    public const string Section = "Simulator:DemoShop";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var definition = configuration.GetSection(Section).Get<ShopDefinition>();
        if (definition is null || string.IsNullOrWhiteSpace(definition.Shop))
        {
            return Task.CompletedTask;
        }

        var problems = definition.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{Section} is invalid: {string.Join(" ", problems)}");
        }

        var shop = shops.CreateOrReplace(definition);
        logger.LogInformation(
            "Demo shop {Shop} ready: {Products} products, {Customers} customers, {Orders} orders",
            shop.Domain, shop.Data.Products.LiveCount, shop.Data.Customers.LiveCount, shop.Data.Orders.LiveCount);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
