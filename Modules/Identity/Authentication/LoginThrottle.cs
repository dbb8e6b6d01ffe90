using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Identity.Data;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>The stored streaks of wrong passwords per (email, client address) and the wait they impose.</summary>
internal sealed class LoginThrottle(IdentityDbContext db, TimeProvider clock)
{
    /// <summary>How long this address must still wait before trying this email; zero when it may try now.</summary>
    public async Task<TimeSpan> WaitAsync(string normalizedEmail, string clientAddress, CancellationToken cancellationToken)
    {
        normalizedEmail = Key(normalizedEmail);
        var streak = await db.LoginFailures.AsNoTracking()
            .SingleOrDefaultAsync(f => f.NormalizedEmail == normalizedEmail && f.ClientAddress == clientAddress, cancellationToken);
        return streak is null ? TimeSpan.Zero : LoginDelay.Remaining(streak.Failures, streak.LastFailedAt, clock.GetUtcNow());
    }

    /// <summary>Counts one more wrong password and returns how many there are now in a row.</summary>
    public async Task<int> RecordFailureAsync(string normalizedEmail, string clientAddress, CancellationToken cancellationToken)
    {
        normalizedEmail = Key(normalizedEmail);
        var now = clock.GetUtcNow();
        var forgetBefore = now - LoginDelay.ForgetAfter;

        // One statement that increments in place: parallel guesses queue on the row's lock and every one counts,
        // where reading the count, checking the password and writing it back would let them overwrite each other.
        var failures = await db.Database.SqlQuery<int>($"""
            INSERT INTO identity.login_failures AS f (normalized_email, client_address, failures, last_failed_at)
            VALUES ({normalizedEmail}, {clientAddress}, 1, {now})
            ON CONFLICT (normalized_email, client_address) DO UPDATE
            SET failures = CASE WHEN f.last_failed_at <= {forgetBefore} THEN 1 ELSE f.failures + 1 END,
                last_failed_at = GREATEST(f.last_failed_at, EXCLUDED.last_failed_at)
            RETURNING f.failures AS "Value"
            """).ToListAsync(cancellationToken);

        // Forgotten streaks would otherwise pile up, one per guessed email and address.
        await db.LoginFailures.Where(f => f.LastFailedAt <= forgetBefore).ExecuteDeleteAsync(cancellationToken);
        return failures.Single();
    }

    /// <summary>The right password ends this address's streak for this email; other addresses' streaks stay.</summary>
    public Task ClearAsync(string normalizedEmail, string clientAddress, CancellationToken cancellationToken)
    {
        normalizedEmail = Key(normalizedEmail);
        return db.LoginFailures
            .Where(f => f.NormalizedEmail == normalizedEmail && f.ClientAddress == clientAddress)
            .ExecuteDeleteAsync(cancellationToken);
    }

    // Anyone may type an email of any length; the key stays within the column.
    private static string Key(string normalizedEmail) =>
        normalizedEmail.Length <= LoginFailures.MaxEmailLength ? normalizedEmail : normalizedEmail[..LoginFailures.MaxEmailLength];
}
