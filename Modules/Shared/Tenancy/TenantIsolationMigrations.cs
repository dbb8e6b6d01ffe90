using Microsoft.EntityFrameworkCore.Migrations;

namespace ShopIngest.Modules.Shared.Tenancy;

public static class TenantIsolationMigrations
{
    /// <summary>
    /// Row-level security on a tenant table, forced even for its owner: a row is visible and writable only
    /// while <see cref="TenantSetting.Name"/> names its tenant.
    /// </summary>
    public static void EnableTenantIsolation(this MigrationBuilder migrations, string schema, string table)
    {
        var qualified = $"\"{schema}\".\"{table}\"";
        migrations.Sql($"ALTER TABLE {qualified} ENABLE ROW LEVEL SECURITY;");
        migrations.Sql($"ALTER TABLE {qualified} FORCE ROW LEVEL SECURITY;");
        migrations.Sql($"""
            CREATE POLICY tenant_isolation ON {qualified}
                USING (tenant_id = {TenantSetting.CurrentTenantSql})
                WITH CHECK (tenant_id = {TenantSetting.CurrentTenantSql});
            """);
    }

    /// <summary>
    /// Has PostgreSQL plan a tenant table as if each tenant held about a hundredth of it. Every query names one tenant,
    /// and a statistics sample of many small tenants (or one taken before a large first sync) makes any tenant look
    /// like a handful of rows: then every index that starts with <c>tenant_id</c> looks as cheap as the primary key,
    /// and a key lookup may walk a whole tenant through another index, once per row of a write.
    /// </summary>
    public static void PlanTenantsAsLarge(this MigrationBuilder migrations, string schema, string table)
    {
        var qualified = $"\"{schema}\".\"{table}\"";
        migrations.Sql($"ALTER TABLE {qualified} ALTER COLUMN tenant_id SET (n_distinct = 100);");
        migrations.Sql($"ANALYZE {qualified};");
    }
}
