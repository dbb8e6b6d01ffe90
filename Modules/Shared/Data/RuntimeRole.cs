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

    /// <summary>
    /// Creates the role, or puts an existing one back to what it should be: it may log in and nothing more, and it
    /// belongs to no other role, whose rights it would otherwise inherit.
    /// </summary>
    internal static async Task EnsureExistsAsync(NpgsqlDataSource owner, string? password, CancellationToken cancellationToken)
    {
        // The password is lowercase hex, so it can be written into the statement safely.
        var passwordClause = password is null ? "" : $" PASSWORD '{password}'";
        const string attributes = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION";
        await using var command = owner.CreateCommand($"""
            SELECT pg_advisory_xact_lock(hashtext('{Name}'));
            DO $$
            DECLARE
                membership record;
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Name}') THEN
                    CREATE ROLE {Name} {attributes}{passwordClause};
                ELSE
                    ALTER ROLE {Name} {attributes}{passwordClause};
                END IF;
                FOR membership IN
                    SELECT granted.rolname AS granted_role, grantor.rolname AS grantor
                    FROM pg_auth_members m
                    JOIN pg_roles granted ON granted.oid = m.roleid
                    JOIN pg_roles member ON member.oid = m.member
                    JOIN pg_roles grantor ON grantor.oid = m.grantor
                    WHERE member.rolname = '{Name}'
                LOOP
                    EXECUTE format('REVOKE %I FROM {Name} GRANTED BY %I', membership.granted_role, membership.grantor);
                END LOOP;
            END $$;
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task GrantAccessAsync(NpgsqlDataSource owner, string schema, IReadOnlyList<string> appendOnlyTables, CancellationToken cancellationToken)
    {
        // Table names come from the modules' own code, never from input.
        var appendOnly = string.Concat(appendOnlyTables.Select(table => $"""
            REVOKE UPDATE, DELETE, TRUNCATE ON "{schema}"."{table}" FROM {Name};

            """));
        await using var command = owner.CreateCommand($"""
            GRANT USAGE ON SCHEMA "{schema}" TO {Name};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO {Name};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {Name};
            REVOKE ALL ON "{schema}".__ef_migrations_history FROM {Name};
            {appendOnly}
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
