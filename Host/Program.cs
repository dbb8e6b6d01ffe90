using ShopIngest.Host.Dashboard;
using ShopIngest.Host.GraphQL;
using ShopIngest.Host.Hosting;
using ShopIngest.Host.OpenApi;
using ShopIngest.Host.Security;
using ShopIngest.Modules.Catalog;
using ShopIngest.Modules.Identity;
using ShopIngest.Modules.Sales;
using ShopIngest.Modules.Shared.Configuration;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Sync;

try
{
    var builder = WebApplication.CreateBuilder(args);
    if (IdentityModule.IsIdentityCommand(args))
    {
        // A command prints its one line of result; start-up chatter would bury it. A filter rather than a minimum level:
        // the configuration's Logging:LogLevel:Default would win over a minimum level.
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
    }

    builder.ListenOnPortVariable();
    builder.AddServiceDefaults();
    builder.AddHttpSecurity();
    builder.AddIdentityModule();
    builder.AddCatalogModule();
    builder.AddSalesModule();
    builder.AddSyncModule();
    builder.AddGraphQLEndpoint();
    builder.AddDashboard();
    builder.AddApiDocument();

    var app = builder.Build();

    await app.Services.MigrateModuleDatabasesAsync(app.Lifetime.ApplicationStopping);
    if (await app.RunIdentityCommandAsync(args) is { } exitCode)
    {
        return exitCode;
    }

    app.UseHttpSecurity();
    app.MapDefaultEndpoints();
    app.MapApiDocument();
    app.MapIdentityModule();
    app.MapGraphQLEndpoint();
    app.MapCatalogModule();
    app.MapSalesModule();
    app.MapSyncModule();
    app.MapDashboard();

    await app.RunAsync();
    return 0;
}
catch (InvalidSettingException invalid)
{
    // A setting the operator got wrong: the sentence says which and how, a stack trace would only bury it.
    Console.Error.WriteLine(invalid.Message);
    return 1;
}
