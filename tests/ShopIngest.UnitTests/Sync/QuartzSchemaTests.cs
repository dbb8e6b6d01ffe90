using System.Text.RegularExpressions;
using Quartz;
using ShopIngest.Modules.Sync.Data.Migrations;
using ShopIngest.Modules.Sync.Scheduling;

namespace ShopIngest.UnitTests.Sync;

/// <summary>
/// The Quartz tables are created from SQL frozen beside the migrations that apply it (classes named QuartzTables_&lt;version&gt;).
/// These tests compare that SQL with the script of the Quartz package installed now, so an upgrade that needs more of
/// the database is noticed here, not by a scheduler failing in production.
/// </summary>
public sealed partial class QuartzSchemaTests
{
    private const string InstalledScript = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    [Fact]
    public void The_frozen_tables_hold_every_table_column_and_index_the_installed_Quartz_creates()
    {
        var frozen = SchemaObjects(string.Join('\n', FrozenStatements()));

        var missing = SchemaObjects(InstalledQuartzScript()).Except(frozen, StringComparer.OrdinalIgnoreCase).ToList();

        Assert.True(missing.Count == 0,
            $"Quartz {typeof(IScheduler).Assembly.GetName().Version?.ToString(3)} creates what the migrated Quartz tables lack: {string.Join(", ", missing)}. " +
            "Add a new migration to the Sync module that creates it, with its SQL frozen beside it in a class QuartzTables_<version> " +
            "with a CreateStatements list, like QuartzTables_4_7_3. Never change an applied migration or its frozen SQL.");
    }

    [Fact]
    public void The_frozen_tables_carry_the_prefix_the_scheduler_is_configured_with()
    {
        var tables = CreatedTables(QuartzTables_4_7_3.CreateStatements);

        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.StartsWith(QuartzSchema.TablePrefix, table, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_frozen_table_is_dropped_again_children_first()
    {
        var created = CreatedTables(QuartzTables_4_7_3.CreateStatements);

        Assert.Equal(
            created.AsEnumerable().Reverse().Select(table => $"DROP TABLE IF EXISTS {table} CASCADE;"),
            QuartzTables_4_7_3.DropStatements);
    }

    /// <summary>The CreateStatements of every QuartzTables_&lt;version&gt; beside the migrations, oldest first.</summary>
    private static IEnumerable<string> FrozenStatements() => typeof(QuartzTables_4_7_3).Assembly.GetTypes()
        .Where(type => type.Namespace == typeof(QuartzTables_4_7_3).Namespace && type.Name.StartsWith("QuartzTables_", StringComparison.Ordinal))
        .OrderBy(type => type.Name, StringComparer.Ordinal)
        .SelectMany(type => (IReadOnlyList<string>)type.GetProperty(nameof(QuartzTables_4_7_3.CreateStatements))!.GetValue(null)!);

    /// <summary>The installed package's script with our prefix, as Quartz itself would substitute it.</summary>
    private static string InstalledQuartzScript()
    {
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(InstalledScript);
        Assert.True(stream is not null, $"Quartz no longer ships {InstalledScript}: compare the frozen tables with its PostgreSQL schema some other way.");
        using var reader = new StreamReader(stream);
        var prefixWithoutSchema = QuartzSchema.TablePrefix[(QuartzSchema.TablePrefix.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return reader.ReadToEnd()
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("{0}", QuartzSchema.TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", prefixWithoutSchema, StringComparison.Ordinal);
    }

    private static List<string> CreatedTables(IEnumerable<string> statements) =>
        [.. statements.SelectMany(statement => CreateTable().Matches(statement)).Select(match => match.Groups["table"].Value)];

    /// <summary>"table x", "column x.y" and "index i" for everything the SQL creates or adds.</summary>
    private static HashSet<string> SchemaObjects(string sql)
    {
        var objects = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match table in CreateTable().Matches(sql))
        {
            var name = table.Groups["table"].Value;
            objects.Add($"table {name}");
            foreach (var line in table.Groups["body"].Value.Split('\n').Select(line => line.Trim().TrimEnd(',')))
            {
                if (line.Length > 0 && !TableConstraint().IsMatch(line))
                {
                    objects.Add($"column {name}.{line.Split(' ')[0]}");
                }
            }
        }

        foreach (Match column in AddColumn().Matches(sql))
        {
            objects.Add($"column {column.Groups["table"].Value}.{column.Groups["column"].Value}");
        }

        foreach (Match index in CreateIndex().Matches(sql))
        {
            objects.Add($"index {index.Groups["index"].Value}");
        }

        Assert.NotEmpty(objects);
        return objects;
    }

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (?<table>[\w.]+) \((?<body>.*?)\n\);", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"ALTER TABLE (IF EXISTS )?(?<table>[\w.]+) ADD COLUMN (IF NOT EXISTS )?(?<column>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex AddColumn();

    [GeneratedRegex(@"CREATE INDEX IF NOT EXISTS (?<index>[\w.]+) ON ", RegexOptions.IgnoreCase)]
    private static partial Regex CreateIndex();

    [GeneratedRegex(@"^(primary key|foreign key|constraint|unique|check)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TableConstraint();
}
