using System.Globalization;
using ShopIngest.Modules.Shared.Configuration;

namespace ShopIngest.Host.Hosting;

/// <summary>
/// <c>PORT</c>, as platforms and the seed service give a web process its port: the Host listens on <c>http://+:PORT</c>
/// unless ASP.NET Core's own settings say where (<c>URLS</c> / <c>--urls</c>, <c>Kestrel:Endpoints</c>). It wins over
/// <c>HTTP_PORTS</c>, which .NET's container images set to 8080 whatever the platform asks for.
/// </summary>
internal static class PortVariable
{
    public const string Name = "PORT";

    public static WebApplicationBuilder ListenOnPortVariable(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var port = configuration[Name];
        if (string.IsNullOrWhiteSpace(port)
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            return builder;
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new InvalidSettingException($"{Name} must be a TCP port number from 1 to 65535, not '{port}'.");
        }

        builder.WebHost.UseUrls($"http://+:{number}");
        return builder;
    }
}
