using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.UnitTests.Sync;

public sealed class PageSizingTests
{
    [Fact]
    public void A_page_is_as_large_as_the_per_query_cost_limit_allows()
    {
        // One shop object, a connection of 2, and 38 points per order: 26 orders cost 991 points, 27 would cost 1029.
        Assert.Equal(26, QueryCosts.PageSize(250, nodeCost: 38, otherCost: 1));
    }

    [Fact]
    public void A_page_never_exceeds_the_size_asked_for()
    {
        Assert.Equal(50, QueryCosts.PageSize(50, nodeCost: 1, otherCost: 1));
    }

    [Fact]
    public void The_incremental_filter_starts_at_the_whole_second_at_or_before_the_cursor_minus_the_overlap()
    {
        var since = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 900, TimeSpan.FromHours(2));

        Assert.Equal("updated_at:>='2025-03-04T03:06:07Z'", UpdatedAtSearch.Between(since, null));
    }

    [Fact]
    public void A_slice_of_history_ends_before_its_upper_bound_and_no_bound_means_no_filter()
    {
        var from = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

        Assert.Equal("updated_at:>='2025-03-04T05:06:07Z' updated_at:<'2025-03-05T05:06:07Z'", UpdatedAtSearch.Between(from, from.AddDays(1)));
        Assert.Null(UpdatedAtSearch.Between(null, null));
    }
}
