using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ShopIngest.Modules.Identity.Tenants.CreateTenant;

/// <summary>
/// In the demo (section <c>Demo</c>, set by the app host when it runs the Shopify simulator), makes sure the
/// demo shop and its user exist before the Host serves.
/// </summary>
internal sealed class DemoTenantSeeder(IServiceProvider services, IConfiguration configuration, ILogger<DemoTenantSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = configuration.GetSection("Demo");
        if (string.IsNullOrWhiteSpace(demo["Email"]))
        {
            return;
        }

        var request = new NewTenant(demo["Email"]!, demo["Password"] ?? "", demo["Shop"] ?? "", demo["AccessToken"] ?? "", "Demo shop", demo["WebhookSecret"]);
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<TenantRegistration>().RegisterAsync(request, cancellationToken);
        if (result is RegistrationResult.Created created)
        {
            logger.LogInformation("Created the demo tenant {TenantId} for {Shop}; sign in as {Email}", created.TenantId, request.Shop, request.Email);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
