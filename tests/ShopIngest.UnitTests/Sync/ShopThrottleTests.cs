using Microsoft.Extensions.Time.Testing;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.UnitTests.Sync;

public sealed class ShopThrottleTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_shop_never_heard_from_is_called_at_once()
    {
        var throttle = new ShopThrottle(_time);

        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1000).Wait);
    }

    [Fact]
    public void A_query_the_bucket_can_pay_for_is_sent_at_once()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 1500, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1000).Wait);
    }

    [Fact]
    public void A_query_waits_exactly_as_long_as_the_restore_rate_needs_to_bring_the_missing_points()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 400, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.FromSeconds(6), throttle.Reserve(1000).Wait);
    }

    [Fact]
    public void Points_restored_since_the_last_answer_count()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 400, maximumAvailable: 2000, restoreRate: 100);

        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromSeconds(2), throttle.Reserve(1000).Wait);
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

        Assert.Equal(TimeSpan.FromSeconds(10), throttle.Reserve(500).Wait);
    }

    [Fact]
    public void What_Shopify_reports_with_an_answer_replaces_the_estimate()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 0, maximumAvailable: 2000, restoreRate: 100);
        var query = throttle.Reserve(1000);

        throttle.Answered(query.Id, currentlyAvailable: 1800, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1000).Wait);
    }

    [Fact]
    public void Points_reserved_by_a_query_still_waiting_stay_reserved_when_another_query_is_answered()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 1000, maximumAvailable: 2000, restoreRate: 100);
        var first = throttle.Reserve(991);
        var waiting = throttle.Reserve(998);

        // The first query is answered: Shopify's report cannot know of the second, which is still waiting to be sent.
        throttle.Answered(first.Id, currentlyAvailable: 909, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.FromSeconds(9.89), waiting.Wait);
        Assert.Equal(TimeSpan.FromSeconds(10.8), throttle.Reserve(991).Wait);
    }

    [Fact]
    public async Task While_nothing_is_known_of_a_shop_one_query_goes_first_and_the_others_wait_for_its_answer()
    {
        var throttle = new ShopThrottle(_time);

        var first = await throttle.ReserveAsync(991, CancellationToken.None);
        var second = throttle.ReserveAsync(998, CancellationToken.None).AsTask();
        Assert.Equal(TimeSpan.Zero, first.Wait);
        Assert.False(second.IsCompleted);

        throttle.Answered(first.Id, currentlyAvailable: 1009, maximumAvailable: 2000, restoreRate: 100);

        Assert.Equal(TimeSpan.Zero, (await second).Wait);
    }

    [Fact]
    public async Task A_first_query_that_got_no_throttle_status_lets_the_next_one_go_first()
    {
        var throttle = new ShopThrottle(_time);
        var first = await throttle.ReserveAsync(991, CancellationToken.None);
        var second = throttle.ReserveAsync(998, CancellationToken.None).AsTask();

        throttle.Answered(first.Id);

        Assert.Equal(TimeSpan.Zero, (await second).Wait);
        Assert.False(throttle.IsKnown);
    }

    [Fact]
    public void A_report_that_overtakes_a_newer_one_does_not_bring_back_points_already_charged()
    {
        var (throttle, page, probe) = PageAndProbeSentSideBySide(probeSentFirst: true);

        // Shopify charged the probe, then the page; the page's answer arrives first, the probe's older report last.
        throttle.Answered(page.Id, currentlyAvailable: 96, maximumAvailable: 1000, restoreRate: 100);
        throttle.Answered(probe.Id, currentlyAvailable: 996, maximumAvailable: 1000, restoreRate: 100);

        Assert.Equal(96, throttle.EstimatedAvailable());
    }

    [Fact]
    public void A_query_sent_later_but_charged_first_does_not_hide_the_charge_of_the_one_sent_before_it()
    {
        var (throttle, page, probe) = PageAndProbeSentSideBySide(probeSentFirst: false);

        // Shopify charged the probe before the page, so the probe's report knows nothing of the page; the page's
        // answer, the one that does, arrives after it.
        throttle.Answered(probe.Id, currentlyAvailable: 996, maximumAvailable: 1000, restoreRate: 100);
        throttle.Answered(page.Id, currentlyAvailable: 96, maximumAvailable: 1000, restoreRate: 100);

        Assert.Equal(96, throttle.EstimatedAvailable());
        Assert.Equal(TimeSpan.FromSeconds(8.04), throttle.Reserve(900).Wait);
    }

    [Fact]
    public void A_query_sent_later_and_answered_later_may_still_bring_the_older_report()
    {
        var (throttle, page, probe) = PageAndProbeSentSideBySide(probeSentFirst: false);

        // Shopify charged the probe first, then the page, but the page's answer (which knows of both) arrives first.
        throttle.Answered(page.Id, currentlyAvailable: 96, maximumAvailable: 1000, restoreRate: 100);
        throttle.Answered(probe.Id, currentlyAvailable: 996, maximumAvailable: 1000, restoreRate: 100);

        Assert.Equal(96, throttle.EstimatedAvailable());
    }

    [Fact]
    public void An_answer_no_other_overtook_replaces_the_picture_even_when_it_shows_more()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 100, maximumAvailable: 1000, restoreRate: 100);
        _time.Advance(TimeSpan.FromSeconds(3));
        var probe = throttle.Reserve(4);
        throttle.Sending(probe.Id);

        // The picture counts the refill from when the last answer came in, later than Shopify made its report.
        throttle.Answered(probe.Id, currentlyAvailable: 446, maximumAvailable: 1000, restoreRate: 100);

        Assert.Equal(446, throttle.EstimatedAvailable());
    }

    [Fact]
    public void A_query_that_waited_asks_again_and_waits_more_when_the_bucket_filled_up_unused_meanwhile()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 0, maximumAvailable: 1000, restoreRate: 100);
        var ahead = throttle.Reserve(1000);
        var behind = throttle.Reserve(1000);
        Assert.Equal(TimeSpan.FromSeconds(20), behind.Wait);

        // The query ahead waits far longer than foreseen; the bucket stays full meanwhile and its refill is lost.
        _time.Advance(TimeSpan.FromSeconds(20));
        throttle.Sending(ahead.Id);

        Assert.Equal(TimeSpan.FromSeconds(10), throttle.StillToWait(behind.Id));
    }

    [Fact]
    public void A_query_waiting_behind_another_is_not_counted_against_it()
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 0, maximumAvailable: 1000, restoreRate: 100);
        var ahead = throttle.Reserve(500);
        throttle.Reserve(1000);

        Assert.Equal(TimeSpan.FromSeconds(5), throttle.StillToWait(ahead.Id));
    }

    /// <summary>A full 1,000-point bucket; a 900-point page and a 4-point probe, each reserved and sent, in the order asked.</summary>
    private (ShopThrottle Throttle, ThrottleTicket Page, ThrottleTicket Probe) PageAndProbeSentSideBySide(bool probeSentFirst)
    {
        var throttle = new ShopThrottle(_time);
        throttle.Observe(currentlyAvailable: 1000, maximumAvailable: 1000, restoreRate: 100);
        if (probeSentFirst)
        {
            var first = Send(4);
            return (throttle, Send(900), first);
        }

        var page = Send(900);
        return (throttle, page, Send(4));

        ThrottleTicket Send(int cost)
        {
            var ticket = throttle.Reserve(cost);
            throttle.Sending(ticket.Id);
            return ticket;
        }
    }
}
