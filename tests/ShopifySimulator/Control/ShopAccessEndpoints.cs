using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Control;

/// <summary>
/// What a shop's token may see, changed while the shop serves: <c>PUT /_sim/shops/{shop}/scopes</c> (a merchant
/// granting or revoking scopes) and <c>PUT /_sim/shops/{shop}/settings</c> (the search index lag, the bulk export's
/// objects per second and the lifetime of its result URLs, and how webhooks are signed, timed out, retried and where the
/// compliance topics go). Both answer the resulting state; GET reads it.
/// </summary>
internal static class ShopAccessEndpoints
{
    public static RouteGroupBuilder MapShopAccess(this RouteGroupBuilder sim)
    {
        sim.MapGet("/shops/{shop}/scopes", (string shop, ShopRegistry shops) =>
            ControlEndpoints.WithShop(shops, shop, found => Results.Ok(new ScopesBody(found.Scopes.Handles))));
        sim.MapPut("/shops/{shop}/scopes", ReplaceScopes);
        sim.MapGet("/shops/{shop}/settings", (string shop, ShopRegistry shops) =>
            ControlEndpoints.WithShop(shops, shop, found => Results.Ok(SettingsView.Of(found.Serving))));
        sim.MapPut("/shops/{shop}/settings", ChangeSettings);
        return sim;
    }

    private static IResult ReplaceScopes(string shop, ScopesBody body, ShopRegistry shops) => ControlEndpoints.WithShop(shops, shop, found =>
    {
        if (body.Scopes is null)
        {
            return ControlEndpoints.Problems(["scopes is required: the list of access-scope handles the token holds."]);
        }

        var problems = GrantedScopes.Problems(body.Scopes);
        if (problems.Count > 0)
        {
            return ControlEndpoints.Problems(problems);
        }

        found.Scopes = GrantedScopes.Of(body.Scopes);
        return Results.Ok(new ScopesBody(found.Scopes.Handles));
    });

    /// <summary>Changes the settings the body names and leaves the others as they are.</summary>
    private static IResult ChangeSettings(string shop, SettingsChange body, ShopRegistry shops) => ControlEndpoints.WithShop(shops, shop, found =>
    {
        var current = found.Serving;
        var changed = current with
        {
            SearchIndexLagSeconds = body.SearchIndexLagSeconds ?? current.SearchIndexLagSeconds,
            BulkExportObjectsPerSecond = body.BulkExportObjectsPerSecond ?? current.BulkExportObjectsPerSecond,
            BulkResultUrlTtlSeconds = body.BulkResultUrlTtlSeconds ?? current.BulkResultUrlTtlSeconds,
            Webhooks = current.Webhooks with
            {
                Secret = body.WebhookSecret ?? current.Webhooks.Secret,
                TimeoutMs = body.WebhookTimeoutMs ?? current.Webhooks.TimeoutMs,
                RetryBaseDelayMs = body.WebhookRetryBaseDelayMs ?? current.Webhooks.RetryBaseDelayMs,
                MaxRetries = body.WebhookMaxRetries ?? current.Webhooks.MaxRetries,
                ComplianceUri = body.ComplianceWebhookUri ?? current.Webhooks.ComplianceUri,
            },
        };
        var problems = changed.Problems();
        if (problems.Count > 0)
        {
            return ControlEndpoints.Problems(problems);
        }

        found.Serving = changed;
        return Results.Ok(SettingsView.Of(changed));
    });

    /// <summary>The body of <c>PUT /_sim/shops/{shop}/scopes</c> and of the answers about scopes.</summary>
    private sealed record ScopesBody(IReadOnlyList<string>? Scopes);

    /// <summary>The settings as GET and PUT answer them: the names PUT takes.</summary>
    private sealed record SettingsView(
        int SearchIndexLagSeconds, int BulkExportObjectsPerSecond, int BulkResultUrlTtlSeconds,
        string WebhookSecret, int WebhookTimeoutMs, int WebhookRetryBaseDelayMs, int WebhookMaxRetries, string? ComplianceWebhookUri)
    {
        public static SettingsView Of(ServingSettings settings) => new(
            settings.SearchIndexLagSeconds, settings.BulkExportObjectsPerSecond, settings.BulkResultUrlTtlSeconds,
            settings.Webhooks.Secret, settings.Webhooks.TimeoutMs, settings.Webhooks.RetryBaseDelayMs, settings.Webhooks.MaxRetries,
            settings.Webhooks.ComplianceUri);
    }

    /// <summary>The body of <c>PUT /_sim/shops/{shop}/settings</c>: null leaves a setting unchanged.</summary>
    private sealed record SettingsChange(
        int? SearchIndexLagSeconds, int? BulkExportObjectsPerSecond, int? BulkResultUrlTtlSeconds,
        string? WebhookSecret, int? WebhookTimeoutMs, int? WebhookRetryBaseDelayMs, int? WebhookMaxRetries, string? ComplianceWebhookUri);
}
