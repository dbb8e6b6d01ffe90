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
}
