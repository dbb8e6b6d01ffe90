using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Analytics;

/// <summary>GraphQL days far from today are the client's mistake, said in words, never an error from inside.</summary>
[Collection(AppHostTests.Name)]
public sealed class DateBoundsTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData("""{ salesByDate(from: "9999-12-01", to: "9999-12-31") { date } }""")]
    [InlineData("""{ salesByDate(from: "9999-01-01", to: "9999-12-31", interval: MONTH) { date } }""")]
    [InlineData("""{ salesByDate(from: "0001-01-01", to: "0001-01-31", interval: WEEK) { date } }""")]
    [InlineData("""{ stats(from: "0001-01-01") { totalOrders } }""")]
    [InlineData("""{ orders(to: "9999-12-31") { totalCount } }""")]
    public async Task A_day_outside_the_answered_range_is_a_coded_error_naming_the_range(string query)
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);

        var response = await (await client.PostGraphQLAsync(query)).ReadJsonAsync();

        Assert.Equal("BAD_USER_INPUT", response.ErrorCode());
        Assert.Contains("1900-01-01 to 2999-12-31", response.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_answered_days_are_answered()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);

        var response = await (await client.PostGraphQLAsync("""{ salesByDate(from: "2999-12-01", to: "2999-12-31", interval: WEEK) { date } }""")).ReadJsonAsync();

        Assert.Null(response.ErrorCode());
        Assert.Equal("2999-11-25", response.GetProperty("data").GetProperty("salesByDate")[0].GetProperty("date").GetString());
    }
}
