using System.Reflection;
using System.Runtime.CompilerServices;
using NetArchTest.Rules;

namespace ShopIngest.ArchitectureTests;

public sealed class ModuleBoundaryTests
{
    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_module_never_depends_on_another_modules_internals(string moduleName)
    {
        var module = Modules.Named(moduleName);
        var othersInternals = Modules.All.Where(m => m != module).SelectMany(Modules.InternalNamespaces).ToArray();

        var result = Types.InAssembly(module).ShouldNot().HaveDependencyOnAny(othersInternals).GetResult();

        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void The_host_depends_on_modules_only_through_their_public_surface()
    {
        var internals = Modules.All.SelectMany(Modules.InternalNamespaces).ToArray();

        var result = Types.InAssembly(Modules.Host).ShouldNot().HaveDependencyOnAny(internals).GetResult();

        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_module_makes_public_only_its_entry_points_and_contracts(string moduleName)
    {
        var module = Modules.Named(moduleName);

        var exposed = module.GetExportedTypes()
            .Where(t => !Modules.IsPublicSurface(t.Namespace, moduleName))
            // dotnet-ef generates migrations as public classes; nothing outside the module can use them anyway.
            .Where(t => !(t.Namespace?.EndsWith(".Migrations", StringComparison.Ordinal) ?? false))
            .Select(t => t.FullName)
            .ToArray();

        Assert.Empty(exposed);
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_module_shows_its_internals_to_its_tests_only(string moduleName)
    {
        var friends = Modules.Named(moduleName).GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .ToArray();

        Assert.All(friends, friend => Assert.EndsWith("Tests", friend, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void Classes_a_module_keeps_to_itself_are_sealed(string moduleName)
    {
        var result = Types.InAssembly(Modules.Named(moduleName))
            .That().AreClasses().And().AreNotPublic().And().AreNotAbstract().And().AreNotStatic()
            .And().DoNotHaveNameStartingWith("<")
            .And().DoNotResideInNamespaceEndingWith(".Migrations")
            .Should().BeSealed()
            .GetResult();

        Assert.True(result.IsSuccessful, Describe(result));
    }

    private static string Describe(TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
