using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps traces to operations: an outgoing call (a client span: a database command, an HTTP request) made outside any
/// operation starts no trace. That is background housekeeping (the scheduler's store polling, lock and slot waits, the
/// schedule's sweeps, key ring refreshes), which would otherwise fill the trace list with root <c>postgresql</c> spans
/// and bury the sync runs and requests. A call inside an operation is traced with it, as the parent decides.
/// </summary>
internal sealed class OperationsOnlySampler : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private static readonly SamplingResult Sample = new(SamplingDecision.RecordAndSample);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client && samplingParameters.ParentContext.TraceId == default ? Drop : Sample;

    /// <summary>Used as the root sampler of a parent-based one: children follow their parent's decision.</summary>
    public static Sampler ParentBased() => new ParentBasedSampler(new OperationsOnlySampler());
}
