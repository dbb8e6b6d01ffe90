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
}
