using Microsoft.Extensions.DependencyInjection;

namespace ShopIngest.Modules.Identity.Tenants.CreateTenant;

/// <summary>
/// <c>create-tenant --email E --password P --shop S --access-token T [--name N] [--webhook-secret W]</c>: registers a
/// shop and its first user from the command line. SHOPIFY_STORE_DOMAIN, SHOPIFY_ACCESS_TOKEN and SHOPIFY_WEBHOOK_SECRET
/// fill in a missing shop, token and webhook secret.
/// </summary>
internal static class CreateTenantCommand
{
    public const string Name = "create-tenant";

    private static readonly string[] KnownOptions = ["--email", "--password", "--shop", "--access-token", "--name", "--webhook-secret"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var options, out var problem))
        {
            await errors.WriteLineAsync(problem);
            return 2;
        }

        var request = new NewTenant(
            options.GetValueOrDefault("--email", ""),
            options.GetValueOrDefault("--password", ""),
            options.GetValueOrDefault("--shop") ?? Environment.GetEnvironmentVariable("SHOPIFY_STORE_DOMAIN") ?? "",
            options.GetValueOrDefault("--access-token") ?? Environment.GetEnvironmentVariable("SHOPIFY_ACCESS_TOKEN") ?? "",
            options.GetValueOrDefault("--name"),
            options.GetValueOrDefault("--webhook-secret") ?? Environment.GetEnvironmentVariable("SHOPIFY_WEBHOOK_SECRET"));

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<TenantRegistration>().RegisterAsync(request, cancellationToken);
        switch (result)
        {
            case RegistrationResult.Created created:
                await output.WriteLineAsync(created.TenantId.ToString());
                return 0;
            case RegistrationResult.Rejected rejected:
                await errors.WriteLineAsync(rejected.Problem);
                return 1;
            default:
                throw new InvalidOperationException($"Unexpected result {result}.");
        }
    }

    private static bool TryParse(string[] args, out Dictionary<string, string> options, out string problem)
    {
        options = [];
        problem = "";
        for (var i = 1; i < args.Length; i++)
        {
            var option = args[i];
            if (!KnownOptions.Contains(option))
            {
                problem = $"Unknown option '{option}'. Usage: {Name} --email E --password P --shop S --access-token T [--name N] [--webhook-secret W]";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"Option {option} needs a value.";
                return false;
            }

            options[option] = args[++i];
        }

        return true;
    }
}
