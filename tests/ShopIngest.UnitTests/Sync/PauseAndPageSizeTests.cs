using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Pipeline.Walk;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.UnitTests.Sync;

public sealed class PauseAndPageSizeTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    [InlineData(5, 24)]
    [InlineData(40, 24)]
    public void A_shop_Shopify_will_not_serve_is_paused_an_hour_doubling_with_each_pause_in_a_row_up_to_a_day(int earlierPauses, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), TenantSync.PauseAfter(earlierPauses));

    [Fact]
    public void A_page_Shopify_found_too_costly_is_asked_again_at_half_its_size()
    {
        var sizes = new LearnedPageSizes();

        Assert.Equal(100, sizes.Learn(SyncResource.Orders, refused: 200, requestedCost: 1100));
    }

    [Fact]
    public void The_real_cost_per_record_caps_every_later_page_of_that_resource_below_the_limit()
    {
        var sizes = new LearnedPageSizes();

        // 26 records asked 2,600 points: 100 each, so no more than 9 fit under 1,000.
        var retried = sizes.Learn(SyncResource.Orders, refused: 26, requestedCost: 2600);

        Assert.Equal(9, retried);
        Assert.True(retried * 100 < ShopifyAdminClient.MaxQueryCost, "the learned page must fit under Shopify's limit");
        Assert.Equal(9, sizes.Cap(SyncResource.Orders, 250));
        Assert.Equal(250, sizes.Cap(SyncResource.Products, 250));
    }
}
