using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShopIngest.Modules.Sync;
using ShopIngest.Modules.Sync.Pipeline.Bulk;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.UnitTests.Sync;

/// <summary>
/// The engine's HTTP clients, as the module registers them, never follow a redirect: the access token is sent to the
/// shop's API host only, and a bulk result is read from the URL Shopify gave, not from wherever a 3xx points.
/// </summary>
public sealed class NoRedirectTests
{
    [Theory]
    [InlineData(ShopifyAdminClient.HttpClientName)]
    [InlineData(ExportResultFile.HttpClientName)]
    public async Task A_redirect_is_answered_as_it_is_and_its_target_never_called(string clientName)
    {
        using var target = new LocalServer(_ => (HttpStatusCode.OK, null));
        using var redirecting = new LocalServer(_ => (HttpStatusCode.Found, target.Address));
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSyncEngine()
            .BuildServiceProvider();
        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);

        using var response = await http.GetAsync(redirecting.Address);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.True(redirecting.Requests == 1, $"the redirecting server got {redirecting.Requests} requests");
        Assert.True(target.Requests == 0, $"the redirect was followed: its target got {target.Requests} requests");
    }

    /// <summary>A loopback HTTP server answering every request with a status and, for a redirect, a Location.</summary>
    private sealed class LocalServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _requests;

        public LocalServer(Func<HttpListenerRequest, (HttpStatusCode Status, Uri? Location)> answer)
        {
            Address = new Uri($"http://127.0.0.1:{FreePort()}/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _requests);
                    var (status, location) = answer(context.Request);
                    context.Response.StatusCode = (int)status;
                    if (location is not null)
                    {
                        context.Response.RedirectLocation = location.ToString();
                    }

                    context.Response.Close();
                }
            });
        }

        public Uri Address { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
