namespace ShopIngest.ShopifySimulator.Generation;

/// <summary>Picks from a fixed distribution given one uniform draw, so any random source can use it.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] choices)
    {
        _values = [.. choices.Select(c => c.Value)];
        _cumulative = new double[choices.Length];
        var total = choices.Sum(c => c.Weight);
        var running = 0d;
        for (var i = 0; i < choices.Length; i++)
        {
            running += choices[i].Weight / total;
            _cumulative[i] = running;
        }
    }

    /// <param name="uniform">A draw in [0, 1).</param>
    public T Pick(double uniform)
    {
        for (var i = 0; i < _cumulative.Length - 1; i++)
        {
            if (uniform < _cumulative[i])
            {
                return _values[i];
            }
        }

        return _values[^1];
    }
}
