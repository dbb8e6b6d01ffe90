using ShopIngest.AppHost;
using ShopIngest.AppHost.Postgres;

try
{
    var builder = DistributedApplication.CreateBuilder(args);
    if (HostReplicas.Read(builder.Configuration, out var replicasError) is not { } replicas)
    {
        Console.Error.WriteLine(replicasError);
        return 1;
    }

    var (database, postgresMode) = builder.AddShopIngestDatabase();
    var signingKey = builder.AddParameter("auth-signing-key",
        new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true);
    // Encrypts the Data Protection key ring, which lives in the database: it must never be kept there itself.
    var keyEncryptionKey = builder.AddParameter("key-encryption-key",
        new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true);

    var host = builder.AddProject<Projects.ShopIngest_Host>("host")
        .WithReference(database)
        .WithEnvironment("Auth__SigningKey", signingKey)
        .WithEnvironment("DataProtection__KeyEncryptionKey", keyEncryptionKey)
        .WithHttpHealthCheck("/health")
        .WithReplicas(replicas);
    if (postgresMode != PostgresMode.External)
    {
        host.WaitFor(database);
    }

    if (ShopifyDemo.UsesRealShopify(builder.Configuration))
    {
        // Real shops and real tokens: production defaults (no sign-up, no exception details, no anonymous introspection).
        host.WithEnvironment("Shopify__BaseUrlTemplate", builder.Configuration["Shopify:BaseUrlTemplate"])
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");
    }
    else
    {
        host.WithShopifySimulator(builder.AddShopifySimulator());
        Console.WriteLine($"Demo login for the dashboard: {ShopifyDemo.Email} / {ShopifyDemo.Password}");
    }

    await builder.Build().RunAsync();
    return 0;
}
catch (PostgresUnavailableException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

