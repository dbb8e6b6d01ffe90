using System.Globalization;
using Xunit.Abstractions;

namespace ShopIngest.IntegrationTests.Faults;

/// <summary>
/// The seed of a fault test's random choices: <c>SHOPINGEST_FAULT_SEED</c> when set (to replay a failure), else a new
/// one; written to the test's output and into every failure message.
/// </summary>
internal sealed class FaultSeed
{
    public const string Variable = "SHOPINGEST_FAULT_SEED";

    private FaultSeed(int value) => Value = value;

    public int Value { get; }

    /// <summary>How to run the test again with the same choices.</summary>
    public string Replay => $"(seed {Value}: replay with {Variable}={Value})";

    public static FaultSeed Draw(ITestOutputHelper output)
    {
        var seed = new FaultSeed(int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next());
        output.WriteLine($"Fault seed {seed.Value} {seed.Replay}");
        return seed;
    }
}
