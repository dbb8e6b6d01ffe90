using System.Reflection;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync;

namespace ShopIngest.Host.GraphQL;

internal sealed record ServerInfo(string Version)
{
    public static ServerInfo Current { get; } = new(
        typeof(ServerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown");
}

internal sealed class ServerInfoType : ObjectGraphType<ServerInfo>
{
    public ServerInfoType(IOptions<ShopifyOptions> shopify)
    {
        Name = "ServerInfo";
        Field(i => i.Version).Description("The ShopIngest release serving this request.");
        Field<NonNullGraphType<StringGraphType>>("apiVersion")
            .Description("The Shopify Admin GraphQL API version ShopIngest reads shops with, e.g. 2025-10.")
            .Resolve(_ => shopify.Value.ApiVersion);
    }
}
