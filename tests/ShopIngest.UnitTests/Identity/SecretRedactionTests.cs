using ShopIngest.Modules.Identity.Authentication;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Identity.Tenants.CreateTenant;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.UnitTests.Identity;

/// <summary>A record's ToString lands in logs and exception messages: it shows what the value is about, never its secret.</summary>
public sealed class SecretRedactionTests
{
    private const string Secret = "shpat_0123456789abcdef-secret";
    private const string Shop = "acme.myshopify.com";

    public static TheoryData<string, object> RecordsHoldingSecrets => new()
    {
        { "shop credentials", new ShopCredentials(Guid.NewGuid(), Shop, Secret, "EUR", "Europe/Berlin") { GrantedScopes = ["read_orders"] } },
        { "shop access", new ShopAccess(Shop, Secret) },
        { "new tenant", new NewTenant("owner@example.test", Secret, Shop, Secret, Shop) },
        { "login request", new AuthEndpoints.LoginRequest(Shop, Secret) },
        { "login response", new AuthEndpoints.LoginResponse(Secret, DateTimeOffset.UnixEpoch, Guid.NewGuid()) },
        { "issued token", new IssuedToken(Secret, DateTimeOffset.UnixEpoch) },
    };

    [Theory]
    [MemberData(nameof(RecordsHoldingSecrets))]
    public void A_record_holding_a_secret_prints_it_redacted(string what, object record)
    {
        var printed = record.ToString()!;

        Assert.False(printed.Contains(Secret, StringComparison.Ordinal), $"The {what} printed its secret: {printed}");
        Assert.True(printed.Contains("[redacted]", StringComparison.Ordinal), $"The {what} does not say that something was left out: {printed}");
    }

    [Fact]
    public void Shop_credentials_still_print_what_they_are_about()
    {
        var tenantId = Guid.NewGuid();

        var printed = new ShopCredentials(tenantId, Shop, Secret, "EUR", "Europe/Berlin") { ConsecutiveSyncPauses = 3 }.ToString();

        Assert.Equal(
            $"ShopCredentials {{ TenantId = {tenantId}, ShopDomain = {Shop}, AccessToken = [redacted], Currency = EUR, TimeZone = Europe/Berlin, " +
            "GrantedScopes = , ScopesCheckedAt = , SyncPausedUntil = , ConsecutiveSyncPauses = 3 }",
            printed);
    }
}
