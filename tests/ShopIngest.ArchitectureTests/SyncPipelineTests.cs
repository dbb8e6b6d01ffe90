using NetArchTest.Rules;

namespace ShopIngest.ArchitectureTests;

/// <summary>The sync pipeline's stages keep to their own work: walkers talk to Shopify, the writer to PostgreSQL.</summary>
public sealed class SyncPipelineTests
{
    private static readonly System.Reflection.Assembly Sync = typeof(ShopIngest.Modules.Sync.SyncModule).Assembly;

    [Fact]
    public void Walkers_never_touch_the_database()
    {
        var result = Types.InAssembly(Sync).That().ResideInNamespace("ShopIngest.Modules.Sync.Pipeline.Walk")
            .ShouldNot().HaveDependencyOnAny(
                "Npgsql", "Microsoft.EntityFrameworkCore", "ShopIngest.Modules.Sync.Data", "ShopIngest.Modules.Shared.Ingest",
                "ShopIngest.Modules.Sync.Checkpoints", "ShopIngest.Modules.Sync.Backfill", "ShopIngest.Modules.Sync.Runs.SyncRunStore")
            .GetResult();

        Assert.True(result.IsSuccessful, "A walker reaches the database: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_writer_never_calls_Shopify()
    {
        var result = Types.InAssembly(Sync).That().ResideInNamespace("ShopIngest.Modules.Sync.Pipeline.Write")
            .ShouldNot().HaveDependencyOnAny("ShopIngest.Modules.Sync.Shopify.ShopifyAdminClient", "System.Net.Http")
            .GetResult();

        Assert.True(result.IsSuccessful, "The writer calls Shopify: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_planner_writes_nothing_but_the_slices_it_plans()
    {
        var result = Types.InAssembly(Sync).That().ResideInNamespace("ShopIngest.Modules.Sync.Pipeline.Plan")
            .ShouldNot().HaveDependencyOnAny("ShopIngest.Modules.Shared.Ingest", "ShopIngest.Modules.Sync.Pipeline.Write")
            .GetResult();

        Assert.True(result.IsSuccessful, "The planner writes records: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
