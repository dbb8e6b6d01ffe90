using ShopIngest.Modules.Sync.Scheduling;

namespace ShopIngest.UnitTests.Sync;

public sealed class QuartzSchemaTests
{
    [Fact]
    public void Quartzs_own_postgres_script_becomes_statements_creating_its_tables_in_the_sync_schema()
    {
        var statements = QuartzSchema.CreateStatements();

        Assert.Contains(statements, s => s.Contains("CREATE TABLE IF NOT EXISTS sync.qrtz_triggers", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("CREATE TABLE IF NOT EXISTS sync.qrtz_locks", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Contains("{0}", StringComparison.Ordinal) || s.Contains("{1}", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Contains("--;;", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_table_created_is_dropped_again_children_first()
    {
        var created = QuartzSchema.CreateStatements().Count(s => s.Contains("CREATE TABLE", StringComparison.Ordinal));

        var drops = QuartzSchema.DropStatements();

        Assert.Equal(created, drops.Count);
        Assert.Equal("DROP TABLE IF EXISTS sync.qrtz_job_details CASCADE;", drops[^1]);
    }
}
