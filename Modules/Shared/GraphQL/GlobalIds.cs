using System.Text;

namespace ShopIngest.Modules.Shared.GraphQL;

/// <summary>The two ids every synced object shows: its Shopify GID and ShopIngest's own opaque id.</summary>
public static class GlobalIds
{
    /// <summary>Shopify's id, e.g. <c>gid://shopify/Customer/42</c>.</summary>
    public static string ShopifyGid(string type, long shopifyId) => $"gid://shopify/{type}/{shopifyId}";

    /// <summary>ShopIngest's id: opaque to clients, stable, unique per type within a shop.</summary>
    public static string NodeId(string type, long shopifyId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{shopifyId}")).TrimEnd('=');
}
