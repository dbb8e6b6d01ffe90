using Quartz;
using ShopIngest.Modules.Sync.Data;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// Quartz's tables live in the <c>sync</c> schema, created by this module's migration as the database owner (the
/// runtime role may not create tables) from the very script Quartz ships for PostgreSQL, so they always match the
/// Quartz version in use. The Host then grants the runtime role DML on them like on every table of the schema.
/// </summary>
internal static class QuartzSchema
{
    public const string TablePrefixWithoutSchema = "qrtz_";
    public const string TablePrefix = $"{SyncDbContext.Schema}.{TablePrefixWithoutSchema}";

    private const string ScriptResource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    /// <summary>Statements are separated by a line reading exactly this (the script's header mentions it mid-line too).</summary>
    private const string StatementSeparator = "--;;";

    private const string CreateTable = "CREATE TABLE IF NOT EXISTS ";

    /// <summary>The statements that create whatever of Quartz's schema is missing (each is idempotent).</summary>
    public static IReadOnlyList<string> CreateStatements()
    {
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"Quartz no longer ships {ScriptResource}; the sync schema's migration needs it.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd()
            .Replace("{0}", TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", TablePrefixWithoutSchema, StringComparison.Ordinal);

        var statements = new List<string>();
        var statement = new List<string>();
        foreach (var line in script.Split('\n').Select(line => line.TrimEnd('\r')).Append(StatementSeparator))
        {
            if (line.Trim() != StatementSeparator)
            {
                statement.Add(line);
                continue;
            }

            // A piece of nothing but comments (the script's header) is no statement.
            if (statement.Any(text => text.Trim() is { Length: > 0 } code && !code.StartsWith("--", StringComparison.Ordinal)))
            {
                statements.Add(string.Join('\n', statement).Trim());
            }

            statement.Clear();
        }

        return statements;
    }

    /// <summary>Drops every table <see cref="CreateStatements"/> creates, children first.</summary>
    public static IReadOnlyList<string> DropStatements() =>
    [
        .. CreateStatements()
            .Select(statement => statement.IndexOf(CreateTable, StringComparison.OrdinalIgnoreCase) is var at and >= 0
                ? statement[(at + CreateTable.Length)..].Split(' ', '(', '\n')[0]
                : null)
            .OfType<string>()
            .Select(table => $"DROP TABLE IF EXISTS {table} CASCADE;")
            .Reverse(),
    ];
}
