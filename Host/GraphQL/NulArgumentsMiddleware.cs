using GraphQL;
using GraphQL.Instrumentation;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Host.GraphQL;

/// <summary>
/// Refuses, for every field of every module, a text argument holding the NUL character before its resolver runs: no
/// PostgreSQL text can hold it, so a search or an email with one would otherwise fail inside the database.
/// </summary>
internal sealed class NulArgumentsMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (context.Arguments?.FirstOrDefault(argument => ContainsNul(argument.Value.Value)).Key is { } name)
        {
            throw ErrorCodes.Error(ErrorCodes.BadUserInput, $"{name} may not contain the NUL character (U+0000).");
        }

        return next(context);
    }

    private static bool ContainsNul(object? value) => value switch
    {
        string text => text.Contains('\0', StringComparison.Ordinal),
        IDictionary<string, object?> fields => fields.Values.Any(ContainsNul),
        System.Collections.IEnumerable items => items.Cast<object?>().Any(ContainsNul),
        _ => false,
    };
}
