using Microsoft.Extensions.DependencyInjection;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Identity;
using ShopIngest.Modules.Identity.Authentication;

namespace ShopIngest.IntegrationTests.Identity;

/// <summary>
/// The Identity module as one more Host replica runs it, against the app host's database. Through it a test
/// signs in from a client address of its choosing: every request through the Host comes from the same one.
/// </summary>
internal static class IdentityReplica
{
    public static Task<ModuleServices> CreateAsync(AppHostFixture fixture) => ModuleServices.CreateAsync(fixture, builder => builder.AddIdentityModule());

    public static async Task<LoginResult> LoginAsync(this ModuleServices replica, string email, string password, string clientAddress)
    {
        await using var scope = replica.AnonymousScope();
        return await scope.ServiceProvider.GetRequiredService<LoginService>().LoginAsync(email, password, clientAddress, CancellationToken.None);
    }

    /// <summary>Counts one wrong password straight in the store, without checking any password.</summary>
    public static async Task<int> RecordFailureAsync(this ModuleServices replica, string normalizedEmail, string clientAddress)
    {
        await using var scope = replica.AnonymousScope();
        return await scope.ServiceProvider.GetRequiredService<LoginThrottle>().RecordFailureAsync(normalizedEmail, clientAddress, CancellationToken.None);
    }
}
