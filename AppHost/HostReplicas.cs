using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ShopIngest.AppHost;

/// <summary>
/// <c>Host:Replicas</c>: how many Host processes the app host runs over the one database (1 unless told otherwise).
/// Each is its own node of the sync cluster, named by its machine and process id.
/// </summary>
internal static class HostReplicas
{
    public const string Setting = "Host:Replicas";

    public const int Most = 16;

    /// <summary>The configured number, or null with <paramref name="error"/> saying what is wrong with it.</summary>
    public static int? Read(IConfiguration configuration, out string? error)
    {
        error = null;
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) && replicas is >= 1 and <= Most)
        {
            return replicas;
        }

        error = $"{Setting} must be a whole number from 1 to {Most}; it is '{text}'.";
        return null;
    }
}
