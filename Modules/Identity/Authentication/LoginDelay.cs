namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>
/// How long one client address waits before it may try one email again, after wrong passwords in a row.
/// Keyed by (email, address) rather than by account, so that nobody can keep a merchant out from elsewhere;
/// and the same whether or not the email has an account, so that the wait tells nothing.
/// </summary>
internal static class LoginDelay
{
    /// <summary>Wrong passwords in a row answered at once; a typo or two never makes anyone wait.</summary>
    public const int FreeFailures = 4;

    /// <summary>The wait after the first failure beyond the free ones; it doubles with each further one.</summary>
    public static readonly TimeSpan First = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);

    /// <summary>A streak with no failure for this long is forgotten, so old typos do not add up over weeks.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    /// <summary>The wait that follows the <paramref name="failures"/>-th wrong password in a row.</summary>
    public static TimeSpan After(int failures)
    {
        if (failures <= FreeFailures)
        {
            return TimeSpan.Zero;
        }

        // Capped before shifting: from the seventh doubling on the wait is past Longest anyway.
        var doublings = Math.Min(failures - FreeFailures - 1, 7);
        var wait = First * (1 << doublings);
        return wait < Longest ? wait : Longest;
    }

    /// <summary>How long is left to wait at <paramref name="now"/>; zero when the address may try again.</summary>
    public static TimeSpan Remaining(int failures, DateTimeOffset lastFailedAt, DateTimeOffset now)
    {
        if (now - lastFailedAt >= ForgetAfter)
        {
            return TimeSpan.Zero;
        }

        var left = lastFailedAt + After(failures) - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
