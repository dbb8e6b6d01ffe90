using Microsoft.Extensions.Time.Testing;
using ShopIngest.Modules.Sync.Throttling;

namespace ShopIngest.UnitTests.Sync;

public sealed class ShopThrottleTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_shop_never_heard_from_is_called_at_once()
    {
        var throttle = new ShopThrottle(_time);

        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1000));
    }

    [Fact]
    public void A_query_the_bucket_can_pay_for_is_sent_at_once()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 1500, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1000));
    }

    [Fact]
    public void A_query_waits_exactly_as_long_as_the_restore_rate_needs_to_bring_the_missing_points()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 400, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.FromSeconds(6), throttle.Reserve(1000));
    }

    [Fact]
    public void Points_restored_since_the_last_answer_count()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 400, maximumAvailable: 2000, restoreRate: 100);

        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromSeconds(2), throttle.Reserve(1000));
    }

    [Fact]
    public void The_bucket_never_refills_past_its_maximum()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 1900, maximumAvailable: 2000, restoreRate: 100);

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(2000, throttle.EstimatedAvailable());
    }

    [Fact]
    public void A_reservation_makes_the_next_query_wait_for_the_points_it_took()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 1000, maximumAvailable: 2000, restoreRate: 50);

        throttle.Reserve(1000);

        Assert.Equal(TimeSpan.FromSeconds(10), throttle.Reserve(500));
    }

    [Fact]
    public void What_Shopify_reports_with_an_answer_replaces_the_estimate()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 0, maximumAvailable: 2000, restoreRate: 100);
        throttle.Reserve(1000);

        throttle.Answered(1000, currentlyAvailable: 1800, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1000));
    }

    [Fact]
    public void Points_reserved_by_a_query_still_waiting_stay_reserved_when_another_query_is_answered()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 1000, maximumAvailable: 2000, restoreRate: 100);
        throttle.Reserve(991);
        var waiting = throttle.Reserve(998);

        // The first query is answered: Shopify's report cannot know of the second, which is still waiting to be sent.
        throttle.Answered(991, currentlyAvailable: 909, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.FromSeconds(9.89), waiting);
        Assert.Equal(TimeSpan.FromSeconds(10.8), throttle.Reserve(991));
    }

    [Fact]
    public async Task While_nothing_is_known_of_a_shop_one_query_goes_first_and_the_others_wait_for_its_answer()
    {
        var throttle = new ShopThrottle(_time);

        var first = await throttle.ReserveAsync(991, CancellationToken.None);
        var second = throttle.ReserveAsync(998, CancellationToken.None).AsTask();
        Assert.Equal(TimeSpan.Zero, first);
        Assert.False(second.IsCompleted);

        throttle.Answered(991, currentlyAvailable: 1009, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.Zero, await second);
    }

    [Fact]
    public async Task A_first_query_that_got_no_throttle_status_lets_the_next_one_go_first()
    {
        var throttle = new ShopThrottle(_time);
        await throttle.ReserveAsync(991, CancellationToken.None);
        var second = throttle.ReserveAsync(998, CancellationToken.None).AsTask();

        throttle.Answered(991);

        Assert.Equal(TimeSpan.Zero, await second);
        Assert.False(throttle.IsKnown);
    }

    [Fact]
    public void A_report_that_overtakes_a_newer_one_does_not_bring_back_points_already_charged()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 1000, maximumAvailable: 1000, restoreRate: 100);
        throttle.Reserve(4);
        var probe = throttle.Sending();
        throttle.Reserve(900);
        var page = throttle.Sending();

        throttle.Answered(900, currentlyAvailable: 100, maximumAvailable: 1000, restoreRate: 100, sentAs: page);
        throttle.Answered(4, currentlyAvailable: 996, maximumAvailable: 1000, restoreRate: 100, sentAs: probe);

        Assert.Equal(100, throttle.EstimatedAvailable());
    }
}
