using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Shared.GraphQL;

public static class TenantFieldExtensions
{
    /// <summary>
    /// The caller's tenant, taken from the validated token; a field asking for it without one fails with
    /// <see cref="ErrorCodes.NotAuthenticated"/>.
    /// </summary>
    public static Guid RequireTenant(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<ITenantContext>().TenantId
            ?? throw ErrorCodes.Error(ErrorCodes.NotAuthenticated, "Sign in first: this field needs a valid bearer token.");

    public static T GetService<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}
