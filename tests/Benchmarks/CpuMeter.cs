using System.Globalization;

namespace ShopIngest.Benchmarks;

/// <summary>
/// CPU time of a process and its direct children, from /proc, so a run can say which of the app, the simulator and
/// PostgreSQL (a postmaster and its backends, including those already gone) its two cores went to.
/// </summary>
internal static class CpuMeter
{
    // USER_HZ, which Linux fixes at 100 for what /proc reports.
    private const double TicksPerSecond = 100;

    public static TimeSpan ProcessTree(int pid)
    {
        var total = Own(pid);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var child) && Stat(child) is { } stat && stat.ParentId == pid)
            {
                total += Own(child);
            }
        }

        return total;
    }

    private static TimeSpan Own(int pid) =>
        Stat(pid) is { } stat ? TimeSpan.FromSeconds((stat.Ticks + stat.ChildTicks) / TicksPerSecond) : TimeSpan.Zero;

    private static (int ParentId, long Ticks, long ChildTicks)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name may hold spaces and parentheses: the fields that follow start after its last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }
}
