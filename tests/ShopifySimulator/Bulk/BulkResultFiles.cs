using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Bulk;

/// <summary>A JSONL file of an export, served at <see cref="Path"/> until <see cref="ExpiresAt"/>.</summary>
internal sealed record BulkResultFile(string Token, string FilePath, DateTimeOffset ExpiresAt)
{
    public string Path => $"{BulkResultFiles.RoutePrefix}{Token}.jsonl";
}

/// <summary>
/// Where exports write their JSONL (a folder of this simulator's own under the temporary directory, removed when it
/// stops) and the endpoint that serves them: <c>GET /_sim/bulk/{token}.jsonl</c>, the simulator's stand-in for the signed
/// storage URLs Shopify hands out. Like those, it needs no access token, streams the file from disk, and refuses with
/// 403 once expired (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BulkOperation: "The URL expires 7 days
/// after the operation completes").
/// </summary>
internal sealed class BulkResultFiles : IDisposable
{
    public const string RoutePrefix = "/_sim/bulk/";

    private readonly string _directory = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "shopify-simulator-bulk", Guid.NewGuid().ToString("N"));

    private readonly ConcurrentDictionary<string, BulkResultFile> _served = new(StringComparer.Ordinal);

    /// <summary>A new empty file for an export to write, and the token its URL will carry.</summary>
    public (string Token, string FilePath) Create(DateTimeOffset now)
    {
        DeleteExpired(now);
        Directory.CreateDirectory(_directory);
        var token = RandomNumberGenerator.GetHexString(32, lowercase: true);
        return (token, System.IO.Path.Combine(_directory, token + ".jsonl"));
    }

    public BulkResultFile Serve(string token, string filePath, DateTimeOffset expiresAt)
    {
        var file = new BulkResultFile(token, filePath, expiresAt);
        _served[token] = file;
        return file;
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public static IEndpointRouteBuilder MapBulkResults(IEndpointRouteBuilder app)
    {
        app.MapGet(RoutePrefix + "{token}.jsonl", (string token, BulkResultFiles files, SimulatorClock clock) =>
            files.Download(token, clock.Time.GetUtcNow()));
        return app;
    }

    private IResult Download(string token, DateTimeOffset now)
    {
        if (!_served.TryGetValue(token, out var file))
        {
            return StorageError(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.");
        }

        if (now >= file.ExpiresAt || !File.Exists(file.FilePath))
        {
            var expiredAt = file.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return StorageError(StatusCodes.Status403Forbidden, "AccessDenied", $"Request has expired. The URL expired at {expiredAt}.");
        }

        return Results.File(file.FilePath, "application/jsonl", enableRangeProcessing: true);
    }

    /// <summary>Expired files are never served again; their entries stay, so their URLs keep answering 403.</summary>
    private void DeleteExpired(DateTimeOffset now)
    {
        foreach (var file in _served.Values.Where(f => now >= f.ExpiresAt && File.Exists(f.FilePath)))
        {
            File.Delete(file.FilePath);
        }
    }

    /// <summary>The XML error body object storage answers with.</summary>
    private static IResult StorageError(int status, string code, string message) => Results.Content(
        $"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code><Message>{message}</Message></Error>",
        "application/xml; charset=UTF-8",
        statusCode: status);
}
