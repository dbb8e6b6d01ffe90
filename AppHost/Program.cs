using ShopIngest.AppHost.Postgres;

try
{
    var builder = DistributedApplication.CreateBuilder(args);

    var (database, postgresMode) = builder.AddShopIngestDatabase();

    var host = builder.AddProject<Projects.ShopIngest_Host>("host")
        .WithReference(database)
        .WithHttpHealthCheck("/health");
    if (postgresMode != PostgresMode.External)
    {
        host.WaitFor(database);
    }

    await builder.Build().RunAsync();
    return 0;
}
catch (PostgresUnavailableException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
