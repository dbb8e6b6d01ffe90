using ShopIngest.Modules.Sync.Data;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// Quartz's tables live in the <c>sync</c> schema, created by this module's migrations as the database owner (the
/// runtime role may not create tables); the Host then grants the runtime role DML on them like on every table of the
/// schema. The SQL the migrations apply is frozen beside them, for this prefix.
/// </summary>
internal static class QuartzSchema
{
    public const string TablePrefix = $"{SyncDbContext.Schema}.qrtz_";
}
