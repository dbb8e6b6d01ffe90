using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ShopIngest.Modules.Shared.Data;

/// <summary>
/// The role the application runs its queries as: not the owner of any table and not a superuser, so
/// PostgreSQL's row-level security applies to everything it does. Migrations run as the owner given in
/// <c>ConnectionStrings:shopingest</c>, which also creates this role.
/// </summary>
public static class RuntimeRole
{
    public const string Name = "shopingest_app";

    /// <summary>
    /// The owner's connection string, logging in as the runtime role instead. Its password is derived from
    /// the owner's, so every Host replica arrives at the same one without sharing another secret.
    /// </summary>
    public static string ConnectionStringFor(string ownerConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(ownerConnectionString);
        builder.Password = PasswordFor(builder.Password);
        builder.Username = Name;
        return builder.ConnectionString;
    }

    internal static string? PasswordFor(string? ownerPassword) => ownerPassword is null
        ? null
        : Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ownerPassword), Encoding.UTF8.GetBytes(Name)));

    internal static async Task EnsureExistsAsync(NpgsqlDataSource owner, string? password, CancellationToken cancellationToken)
    {
        // The password is lowercase hex, so it can be written into the statement safely.
        var passwordClause = password is null ? "" : $" PASSWORD '{password}'";
        await using var command = owner.CreateCommand($"""
            SELECT pg_advisory_xact_lock(hashtext('{Name}'));
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Name}') THEN
                    CREATE ROLE {Name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE{passwordClause};
                ELSE
                    ALTER ROLE {Name} LOGIN NOSUPERUSER NOBYPASSRLS{passwordClause};
                END IF;
            END $$;
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task GrantAccessAsync(NpgsqlDataSource owner, string schema, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand($"""
            GRANT USAGE ON SCHEMA "{schema}" TO {Name};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO {Name};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {Name};
            REVOKE ALL ON "{schema}".__ef_migrations_history FROM {Name};
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
