using ShopIngest.Modules.Identity.Authentication;

namespace ShopIngest.UnitTests.Identity;

public sealed class LoginDelayTests
{
    private static readonly DateTimeOffset LastFailure = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Up_to_four_wrong_passwords_in_a_row_cost_no_wait(int failures) =>
        Assert.True(LoginDelay.After(failures) == TimeSpan.Zero, $"{failures} wrong passwords cost a wait of {LoginDelay.After(failures)}.");

    [Theory]
    [InlineData(5, 15)]
    [InlineData(6, 30)]
    [InlineData(7, 60)]
    [InlineData(8, 120)]
    [InlineData(9, 240)]
    [InlineData(10, 480)]
    [InlineData(11, 900)]
    [InlineData(1_000, 900)]
    [InlineData(int.MaxValue, 900)]
    public void From_the_fifth_the_wait_starts_at_15_seconds_and_doubles_up_to_15_minutes(int failures, int seconds) =>
        Assert.True(LoginDelay.After(failures) == TimeSpan.FromSeconds(seconds),
            $"{failures} wrong passwords cost {LoginDelay.After(failures)}, not {TimeSpan.FromSeconds(seconds)}.");

    [Fact]
    public void The_wait_runs_from_the_last_wrong_password()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), LoginDelay.Remaining(5, LastFailure, LastFailure.AddSeconds(10)));
        Assert.Equal(TimeSpan.Zero, LoginDelay.Remaining(5, LastFailure, LastFailure.AddSeconds(15)));
        Assert.Equal(TimeSpan.Zero, LoginDelay.Remaining(4, LastFailure, LastFailure));
    }

    [Fact]
    public void A_streak_without_a_failure_for_a_day_is_forgotten()
    {
        Assert.True(LoginDelay.Remaining(1_000, LastFailure, LastFailure.AddMinutes(14)) > TimeSpan.Zero, "A long streak stopped costing a wait within its 15 minutes.");
        Assert.Equal(TimeSpan.Zero, LoginDelay.Remaining(1_000, LastFailure, LastFailure + LoginDelay.ForgetAfter));
    }
}
