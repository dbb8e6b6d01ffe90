using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ShopIngest.Modules.Identity.Authentication;

internal sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt)
{
    // A record prints every property; a bearer token must never reach a log line.
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"IssuedToken {{ Token = [redacted], ExpiresAt = {ExpiresAt:O} }}");
}

/// <summary>Issues the HS256 bearer tokens that carry who the caller is and which tenant they belong to.</summary>
internal sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string TenantIdClaim = "tenant_id";
    public const string UserIdClaim = JwtRegisteredClaimNames.Sub;
    public const string EmailClaim = JwtRegisteredClaimNames.Email;
    public const string SecurityStampClaim = "security_stamp";

    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(Guid userId, Guid tenantId, string email, Guid securityStamp)
    {
        var auth = options.Value;
        var now = clock.GetUtcNow();
        var expiresAt = now + auth.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(UserIdClaim, userId.ToString()),
                new Claim(TenantIdClaim, tenantId.ToString()),
                new Claim(EmailClaim, email),
                new Claim(SecurityStampClaim, securityStamp.ToString()),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(auth.SigningKeyBytes), SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expiresAt);
    }

    public static TokenValidationParameters ValidationParameters(AuthOptions auth) => new()
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = auth.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(auth.SigningKeyBytes),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = EmailClaim,
    };
}
