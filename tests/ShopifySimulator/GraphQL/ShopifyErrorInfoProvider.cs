using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation.Errors;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>
/// Shapes errors as Shopify does: <c>extensions</c> holds <c>code</c> and the error's own fields,
/// without GraphQL.NET's <c>codes</c>/<c>number</c>; a field that does not exist reads
/// "Field 'x' doesn't exist on type 'Y'" with code <c>undefinedField</c>.
/// </summary>
internal sealed partial class ShopifyErrorInfoProvider() : ErrorInfoProvider(options =>
{
    options.ExposeCodes = false;
    options.ExposeData = false;
    options.ExposeExceptionDetails = false;
})
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        if (executionError is FieldsOnCorrectTypeError && UnknownField().Match(executionError.Message) is { Success: true } match)
        {
            var field = match.Groups["field"].Value;
            var type = match.Groups["type"].Value;
            return new ErrorInfo
            {
                Message = $"Field '{field}' doesn't exist on type '{type}'",
                Extensions = new Dictionary<string, object?>
                {
                    ["code"] = "undefinedField",
                    ["typeName"] = type,
                    ["fieldName"] = field,
                },
            };
        }

        var info = base.GetInfo(executionError);
        info.Extensions?.Remove("number");
        if (info.Extensions is { Count: 0 })
        {
            info.Extensions = null;
        }

        return info;
    }

    [GeneratedRegex("Cannot query field '(?<field>[^']+)' on type '(?<type>[^']+)'")]
    private static partial Regex UnknownField();
}
