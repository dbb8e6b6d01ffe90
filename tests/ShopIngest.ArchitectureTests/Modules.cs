using System.Reflection;

namespace ShopIngest.ArchitectureTests;

/// <summary>The business modules and what each may show the rest of the system.</summary>
internal static class Modules
{
    public const string Prefix = "ShopIngest.Modules.";

    public static readonly Assembly Host = Assembly.Load("ShopIngest.Host");

    public static readonly Assembly[] All =
    [
        typeof(ShopIngest.Modules.Identity.IdentityModule).Assembly,
        typeof(ShopIngest.Modules.Catalog.CatalogModule).Assembly,
        typeof(ShopIngest.Modules.Sales.SalesModule).Assembly,
        typeof(ShopIngest.Modules.Sync.SyncModule).Assembly,
    ];

    public static TheoryData<string> Names => [.. All.Select(NameOf)];

    public static Assembly Named(string name) => All.Single(a => NameOf(a) == name);

    public static string NameOf(Assembly module) => module.GetName().Name!;

    /// <summary>
    /// A module's public surface: its root namespace (AddXModule, MapXModule, options) and its Contracts.
    /// </summary>
    public static bool IsPublicSurface(string? typeNamespace, string moduleName) =>
        typeNamespace == moduleName || (typeNamespace?.StartsWith($"{moduleName}.Contracts", StringComparison.Ordinal) ?? false);

    /// <summary>Every namespace of a module that is not its public surface.</summary>
    public static string[] InternalNamespaces(Assembly module) =>
    [
        .. module.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && !IsPublicSurface(ns, NameOf(module)))
            .Distinct()
            .Cast<string>(),
    ];
}
