using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Identity.Authentication;

namespace ShopIngest.IntegrationTests.Identity;

/// <summary>
/// Wrong passwords make the address they come from wait before trying that email again: the same for an email
/// with an account and one without, stored so that every replica applies it, and never a lock that a stranger
/// can put on a merchant.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class WrongPasswordDelayTests(AppHostFixture fixture)
{
    private const string Invalid = "INVALID_CREDENTIALS";
    private const string Waiting = "RATE_LIMITED";

    // Documentation addresses (RFC 5737): a test's own, never a real client's.
    private const string StrangerAddress = "198.51.100.7";
    private const string MerchantAddress = "203.0.113.5";

    public static TheoryData<string, string[]> AnswersToWrongPasswords => new()
    {
        { "GraphQL", [Invalid, Invalid, Invalid, Invalid, Invalid, Waiting, Waiting] },
        { "REST", [.. Enumerable.Repeat($"401 {Invalid}", 5), $"429 {Waiting}, Retry-After 15 s or less"] },
    };

    [Theory]
    [MemberData(nameof(AnswersToWrongPasswords))]
    public async Task Known_and_unknown_emails_get_the_same_answers_attempt_after_attempt(string api, string[] expected)
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient();

        var known = await AnswersAsync(client, api, tenant.Email, expected.Length);
        var unknown = await AnswersAsync(client, api, UnknownEmail(), expected.Length);

        Assert.True(known.SequenceEqual(expected),
            $"Over {api}, {expected.Length} wrong passwords for an email with an account got {Join(known)}; expected {Join(expected)}.");
        Assert.True(unknown.SequenceEqual(known),
            $"Over {api}, an email with an account got {Join(known)} but one without got {Join(unknown)}: the answers tell accounts apart.");
    }

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_waits()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient();
        await GraphQLAnswersAsync(client, tenant.Email, attempts: 5);

        var answer = await LoginCodeAsync(client, tenant.Email, tenant.Password);

        Assert.True(answer == Waiting, $"The right password right after five wrong ones got {answer ?? "a token"}, not {Waiting}.");
    }

    [Fact]
    public async Task The_right_password_ends_the_streak_of_its_address()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient();
        await GraphQLAnswersAsync(client, tenant.Email, attempts: 4);
        Assert.Null(await LoginCodeAsync(client, tenant.Email, tenant.Password));
        await GraphQLAnswersAsync(client, tenant.Email, attempts: 4);

        var answer = await LoginCodeAsync(client, tenant.Email, tenant.Password);

        Assert.True(answer is null, $"Four wrong passwords, a right one, four wrong ones, then the right one got {answer}: the sign-in did not end the streak.");
    }

    [Fact]
    public async Task A_stranger_guessing_from_another_address_does_not_keep_the_merchant_out()
    {
        var tenant = await fixture.SignUpAsync();
        await using var replica = await IdentityReplica.CreateAsync(fixture);

        LoginResult? strangers = null;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            strangers = await replica.LoginAsync(tenant.Email, $"guess-{attempt}", StrangerAddress);
        }

        var merchants = await replica.LoginAsync(tenant.Email, tenant.Password, MerchantAddress);

        Assert.True(strangers is LoginResult.RateLimited, $"The stranger's twelfth guess got {strangers}: twelve wrong guesses were never slowed down.");
        Assert.True(merchants is LoginResult.Succeeded,
            $"After a stranger's twelve wrong guesses the merchant, from their own address, got {merchants} instead of signing in.");
    }

    [Fact]
    public async Task The_wait_is_stored_so_that_every_replica_applies_it()
    {
        var tenant = await fixture.SignUpAsync();
        await using var first = await IdentityReplica.CreateAsync(fixture);
        await using var second = await IdentityReplica.CreateAsync(fixture);
        for (var attempt = 0; attempt < LoginDelay.FreeFailures + 1; attempt++)
        {
            await first.LoginAsync(tenant.Email, $"wrong-{attempt}", StrangerAddress);
        }

        var onSecond = await second.LoginAsync(tenant.Email, tenant.Password, StrangerAddress);

        Assert.True(onSecond is LoginResult.RateLimited { RetryAfter: var wait } && wait > TimeSpan.Zero && wait <= LoginDelay.After(LoginDelay.FreeFailures + 1),
            $"Five wrong passwords on one replica, then the right one on another, got {onSecond} there, not a wait of at most {LoginDelay.After(LoginDelay.FreeFailures + 1)}.");
    }

    [Fact]
    public async Task Ten_failures_recorded_at_once_count_as_ten()
    {
        var email = UnknownEmail();
        await using var replica = await IdentityReplica.CreateAsync(fixture);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => replica.RecordFailureAsync(email, StrangerAddress)));

        var counted = await FailuresCountedAsync(email);
        Assert.True(counted == 10, $"Ten failures recorded at once were counted as {counted}: parallel increments overwrote each other.");
    }

    [Fact]
    public async Task Wrong_passwords_sent_at_once_all_count_and_the_next_attempt_waits_accordingly()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(attempt => LoginCodeAsync(client, tenant.Email, $"parallel-{attempt}")));
        using var next = await client.PostAsJsonAsync("/api/auth", new { email = tenant.Email, password = tenant.Password });

        // Attempts the host reaches only after the fifth failure is stored are told to wait and not checked; on a
        // busy machine some may be. Every password that was checked must count.
        var checkedWrong = answers.Count(a => a == Invalid);
        var counted = await FailuresCountedAsync(tenant.Email);
        Assert.True(answers.All(a => a is Invalid or Waiting), $"Ten wrong passwords at once got {Join(answers)}.");
        Assert.True(counted == checkedWrong,
            $"Ten wrong passwords at once: {checkedWrong} were answered {Invalid} but {counted} were counted; parallel attempts overwrote each other's count.");
        var retryAfter = next.Headers.RetryAfter?.Delta;
        var expectedWait = LoginDelay.After((int)counted);
        Assert.True((int)next.StatusCode == 429 && retryAfter > expectedWait - TimeSpan.FromSeconds(3) && retryAfter <= expectedWait,
            $"After {counted} wrong passwords the next attempt got {(int)next.StatusCode} with Retry-After {retryAfter}, not the wait of {expectedWait} that follows the last of them.");
    }

    [Fact]
    public async Task An_unknown_email_takes_as_long_to_refuse_as_a_wrong_password()
    {
        var tenant = await fixture.SignUpAsync();
        var unknown = UnknownEmail();
        await using var replica = await IdentityReplica.CreateAsync(fixture);
        // One attempt each warms up connections and code; four in all stay within the failures answered at once.
        await replica.LoginAsync(tenant.Email, "warm-up", StrangerAddress);
        await replica.LoginAsync(unknown, "warm-up", StrangerAddress);

        List<TimeSpan> known = [], missing = [];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            known.Add(await TimeAsync(() => replica.LoginAsync(tenant.Email, $"wrong-{attempt}", StrangerAddress)));
            missing.Add(await TimeAsync(() => replica.LoginAsync(unknown, $"wrong-{attempt}", StrangerAddress)));
        }

        var (knownMedian, missingMedian) = (Median(known), Median(missing));
        Assert.True(missingMedian > knownMedian / 2 && missingMedian < knownMedian * 2,
            $"Refusing an unknown email took {missingMedian.TotalMilliseconds:F0} ms and a wrong password {knownMedian.TotalMilliseconds:F0} ms: the time tells which emails have accounts.");
    }

    private static string UnknownEmail() => $"nobody-{Guid.NewGuid():N}@example.test";

    private static string Join(IEnumerable<string?> answers) => string.Join(", ", answers.Select(a => a ?? "a token"));

    /// <summary>The error code of a GraphQL sign-in; null when it succeeded.</summary>
    private static async Task<string?> LoginCodeAsync(HttpClient client, string email, string password) =>
        (await (await client.PostGraphQLAsync(AuthenticationTests.LoginMutation, new { email, password })).ReadJsonAsync()).ErrorCode();

    private static async Task<List<string?>> GraphQLAnswersAsync(HttpClient client, string email, int attempts)
    {
        var answers = new List<string?>();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            answers.Add(await LoginCodeAsync(client, email, $"wrong-{attempt}"));
        }

        return answers;
    }

    /// <summary>Wrong passwords one after another: GraphQL's error codes, or REST's status, code and a short Retry-After.</summary>
    private static async Task<List<string?>> AnswersAsync(HttpClient client, string api, string email, int attempts)
    {
        if (api == "GraphQL")
        {
            return await GraphQLAnswersAsync(client, email, attempts);
        }

        var answers = new List<string?>();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth", new { email, password = $"wrong-{attempt}" });
            var code = (await response.ReadJsonAsync()).GetProperty("code").GetString();
            var wait = response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero && delta <= LoginDelay.First
                ? ", Retry-After 15 s or less"
                : "";
            answers.Add($"{(int)response.StatusCode} {code}{wait}");
        }

        return answers;
    }

    private async Task<long> FailuresCountedAsync(string email)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(failures), 0) FROM identity.login_failures WHERE normalized_email = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> attempt)
    {
        var watch = Stopwatch.StartNew();
        await attempt();
        return watch.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
