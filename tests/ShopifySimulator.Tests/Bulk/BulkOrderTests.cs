using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Bulk;

/// <summary>
/// With <c>groupObjects: false</c> Shopify promises no order at all: the same lines as a grouped export, but a child may
/// come before its parent and apart from its siblings. The simulator shuffles each page, seeded, so a client that
/// assumes parents come first fails here, and fails the same way on every run.
/// </summary>
public sealed class BulkOrderTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Ungrouped_output_holds_the_same_lines_as_grouped_output_with_some_child_before_its_parent()
    {
        var shop = await simulator.CreateShopAsync();

        var grouped = await ExportLinesAsync(shop, groupObjects: true);
        var ungrouped = await ExportLinesAsync(shop, groupObjects: false);

        Assert.Equal(grouped.Select(line => line.GetRawText()).Order(), ungrouped.Select(line => line.GetRawText()).Order());
        Assert.False(
            grouped.Select(line => line.GetRawText()).SequenceEqual(ungrouped.Select(line => line.GetRawText())),
            "ungrouped output should not keep the grouped order");
        var positions = ungrouped.Select((line, position) => (Id: line.Id(), position)).ToDictionary(p => p.Id, p => p.position);
        Assert.True(
            ungrouped.Select((line, position) => (line, position)).Any(child => child.line.ParentId() is { } parent && positions[parent] > child.position),
            "some variant should come before its product");
    }

    [Fact]
    public async Task The_same_seed_shuffles_the_same_way()
    {
        var first = await simulator.CreateShopAsync(new ShopSpec { Seed = 404 });
        var second = await simulator.CreateShopAsync(new ShopSpec { Seed = 404 });

        var firstLines = await ExportLinesAsync(first, groupObjects: false);
        var secondLines = await ExportLinesAsync(second, groupObjects: false);

        Assert.NotEmpty(firstLines);
        Assert.Equal(firstLines.Select(line => line.GetRawText()), secondLines.Select(line => line.GetRawText()));
    }

    private async Task<List<JsonElement>> ExportLinesAsync(ShopClient shop, bool groupObjects)
    {
        var done = await shop.ExportAsync(simulator.Clock, BulkOperations.ProductsWithVariants, groupObjects);
        Assert.Equal("COMPLETED", done.Status());
        return await shop.DownloadLinesAsync(done.GetProperty("url").GetString()!);
    }
}
