using Microsoft.Extensions.Options;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// This replica, as the cluster knows it: <see cref="SyncOptions.NodeId"/> when configured, else the machine's name and
/// the process id, which tells apart replicas on one machine and, in containers, replicas on different ones. The same
/// id is the node's Quartz instance id, is written on each run it starts, and tags its sync traces.
/// </summary>
internal sealed class SyncNode(IOptions<SyncOptions> options)
{
    public string Id { get; } = IdFor(options.Value);

    public static string IdFor(SyncOptions options) => options.NodeId ?? DefaultId(Environment.MachineName, Environment.ProcessId);

    internal static string DefaultId(string machineName, int processId)
    {
        var id = $"{machineName}-{processId}";
        return id.Length <= 100 ? id : id[^100..];
    }
}
