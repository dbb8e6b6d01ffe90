using Npgsql;
using NpgsqlTypes;

namespace ShopIngest.Modules.Shared.Ingest;

public static class ArrayParameters
{
    /// <summary>A column of a page as one typed PostgreSQL array, for <c>unnest</c>.</summary>
    public static void AddArray<T>(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType elementType, IEnumerable<T> values) =>
        parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | elementType) { TypedValue = [.. values] });
}
