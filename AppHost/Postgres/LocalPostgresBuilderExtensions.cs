using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ShopIngest.AppHost.Postgres;

internal static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// A PostgreSQL server run from local binaries on a free port, keeping its data in
    /// <paramref name="rootDirectory"/> between runs.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, PostgresBinaries binaries, string rootDirectory)
    {
        var cluster = new LocalPostgresCluster(binaries, rootDirectory);
        var password = builder.AddParameter($"{name}-password", cluster.ReadOrCreatePassword, secret: true);
        var port = FreeTcpPort();
        var (command, arguments) = cluster.ServerCommand(port);

        var server = new LocalPostgresServerResource(name, command, rootDirectory, password.Resource);
        var healthCheckKey = $"{name}-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey, _ => new PostgresHealthCheck(server), HealthStatus.Unhealthy, tags: null));

        return builder.AddResource(server)
            .WithArgs([.. arguments])
            .WithEndpoint(port: port, targetPort: port, name: LocalPostgresServerResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .OnBeforeResourceStarted(async (_, @event, cancellationToken) =>
            {
                var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
                await cluster.EnsureInitializedAsync(logger, cancellationToken);
            });
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        var healthCheckKey = $"{name}-ready";
        server.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(healthCheckKey, _ => new PostgresHealthCheck(database), HealthStatus.Unhealthy, tags: null));

        server.OnResourceReady(async (resource, @event, cancellationToken) =>
        {
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
            await CreateDatabaseIfMissingAsync(resource, database.DatabaseName, logger, cancellationToken);

            // A database is not a process the orchestrator runs: its state is ours to announce.
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });

        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("postgres.database", database.DatabaseName)],
            })
            .WithHealthCheck(healthCheckKey);
    }

    private static async Task CreateDatabaseIfMissingAsync(LocalPostgresServerResource server, string databaseName, ILogger logger, CancellationToken cancellationToken)
    {
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = databaseName });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var builder = new NpgsqlCommandBuilder();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {builder.QuoteIdentifier(databaseName)}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        logger.LogInformation("Created database {Database}", databaseName);
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
