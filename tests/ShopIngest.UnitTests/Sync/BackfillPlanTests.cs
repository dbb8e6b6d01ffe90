using ShopIngest.Modules.Sync.Pipeline.Plan;

namespace ShopIngest.UnitTests.Sync;

public sealed class BackfillPlanTests
{
    private static readonly DateTimeOffset Oldest = new(2024, 1, 1, 10, 0, 0, 500, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_large_history_is_cut_into_contiguous_whole_second_slices_from_the_oldest_record_the_newest_without_an_end()
    {
        var slices = BackfillPlan.Slices(Oldest, Now, records: 100_000, writeBatchSize: 1000, walkers: 4);

        Assert.Equal(8, slices.Count);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero), slices[0].StartsAt);
        for (var i = 1; i < slices.Count; i++)
        {
            Assert.Equal(slices[i - 1].EndsAt, slices[i].StartsAt);
            Assert.Equal(0, slices[i].StartsAt.Ticks % TimeSpan.TicksPerSecond);
        }

        Assert.Null(slices[^1].EndsAt);
    }

    [Fact]
    public void A_history_of_a_few_writes_gets_about_one_slice_per_write()
    {
        Assert.Equal(3, BackfillPlan.Slices(Oldest, Now, records: 3_500, writeBatchSize: 1000, walkers: 4).Count);
    }

    [Theory]
    [InlineData(1_999, 4)]
    [InlineData(100_000, 1)]
    public void A_history_that_fits_in_two_writes_or_a_single_walker_is_walked_as_one(long records, int walkers)
    {
        Assert.Empty(BackfillPlan.Slices(Oldest, Now, records, writeBatchSize: 1000, walkers));
    }

    [Fact]
    public void Records_all_updated_within_a_second_are_not_cut()
    {
        Assert.Empty(BackfillPlan.Slices(Now, Now.AddMilliseconds(300), records: 50_000, writeBatchSize: 1000, walkers: 4));
    }
}
