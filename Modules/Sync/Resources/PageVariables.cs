namespace ShopIngest.Modules.Sync.Resources;

internal static class PageVariables
{
    public static Dictionary<string, object?> Of(PageRequest request) => new()
    {
        ["first"] = request.First,
        ["after"] = request.After,
        ["query"] = request.SearchQuery,
        ["withShop"] = request.WithShop,
    };
}
