using System.Runtime;

namespace ShopIngest.Benchmarks;

/// <summary>
/// Methods the JIT has compiled in this process, and the time it spent on them: shows how much of a measured phase
/// went to tiered recompilation rather than to the work measured.
/// </summary>
internal readonly record struct JitWork(long Methods, TimeSpan Time)
{
    public static JitWork SoFar => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public JitWork Since(JitWork earlier) => new(Methods - earlier.Methods, Time - earlier.Time);

    /// <summary>
    /// Waits until the JIT has compiled nothing for a second (at most <paramref name="limit"/>): tiered compilation
    /// recompiles a warm method in the background some time after its calls were counted, and that work belongs to
    /// the warm-up, not to what is measured next.
    /// </summary>
    public static async Task<JitWork> SettleAsync(TimeSpan limit)
    {
        var start = SoFar;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = start;
        var quietSince = clock.Elapsed;
        while (clock.Elapsed < limit && clock.Elapsed - quietSince < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(100);
            var now = SoFar;
            if (now.Methods != last.Methods)
            {
                quietSince = clock.Elapsed;
                last = now;
            }
        }

        return SoFar.Since(start);
    }
}
