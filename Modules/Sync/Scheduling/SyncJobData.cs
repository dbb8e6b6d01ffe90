using Quartz;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// A <see cref="SyncRequest"/> as a trigger carries it: plain strings, so a node recovering another node's firing
/// resumes the very same runs.
/// </summary>
internal static class SyncJobData
{
    private const string TenantKey = "tenantId";
    private const string TriggerKey = "trigger";
    private const string RunsKey = "runs";

    public static JobDataMap From(SyncRequest request) => new()
    {
        [TenantKey] = request.TenantId.ToString(),
        [TriggerKey] = request.Trigger,
        [RunsKey] = string.Join(',', request.Runs.Select(r => $"{r.Resource.Name}:{r.RunId}")),
    };

    public static SyncRequest Read(JobDataMap data)
    {
        var runs = data.GetString(RunsKey)!.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':'))
            .Select(parts => new PlannedRun(Guid.Parse(parts[1]), SyncResource.Parse(parts[0]) ?? throw new FormatException($"Unknown resource {parts[0]}.")))
            .ToList();
        return new SyncRequest(Guid.Parse(data.GetString(TenantKey)!), data.GetString(TriggerKey)!, runs);
    }
}
