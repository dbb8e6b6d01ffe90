using System.Globalization;
using Bogus;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Generation;

/// <summary>Makes customers with a default address in one of a few countries.</summary>
internal sealed class CustomerFactory
{
    private static readonly Weighted<Country> Countries = new(
        (new Country("United States", "US", Places: null), 60),
        (new Country("Canada", "CA", [("Toronto", "Ontario"), ("Ottawa", "Ontario"), ("Montreal", "Quebec"), ("Vancouver", "British Columbia"), ("Calgary", "Alberta")]), 12),
        (new Country("United Kingdom", "GB", [("London", "England"), ("Manchester", "England"), ("Leeds", "England"), ("Edinburgh", "Scotland"), ("Cardiff", "Wales")]), 10),
        (new Country("Australia", "AU", [("Sydney", "New South Wales"), ("Newcastle", "New South Wales"), ("Melbourne", "Victoria"), ("Brisbane", "Queensland")]), 7),
        (new Country("Germany", "DE", [("Berlin", null), ("Hamburg", null), ("Munich", null), ("Cologne", null), ("Leipzig", null)]), 6),
        (new Country("France", "FR", [("Paris", null), ("Lyon", null), ("Marseille", null), ("Lille", null), ("Nantes", null)]), 5));

    private static readonly string[] TagPool = ["VIP", "newsletter", "wholesale", "returning", "b2b"];

    // Reserved example domains (RFC 2606): generated addresses can never reach a real mailbox.
    private static readonly string[] EmailDomains = ["example.com", "example.net", "example.org"];

    private readonly Faker _faker;

    // Which customers lack an email or an address: a source of its own, so the names and places above stay as they were.
    private readonly Random _extras;

    public CustomerFactory(int seed)
    {
        _faker = new Faker("en") { Random = new Randomizer(seed) };
        _extras = new Random(Seeds.Derive(seed, Seeds.Extras));
    }

    public int AddCustomer(ShopData shop, long createdAt, long latest)
    {
        var random = _faker.Random;
        var firstName = _faker.Name.FirstName();
        var lastName = _faker.Name.LastName();
        var country = Countries.Pick(random.Double());
        var (city, province) = country.Places is null ? (_faker.Address.City(), _faker.Address.State()) : random.ArrayElement(country.Places);
        var number = shop.Customers.Count + 1;

        // Shopify declares Customer.email, phone and defaultAddress nullable
        // (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/Customer): some customers have none of them.
        var withoutEmail = _extras.NextDouble() < 0.06;
        var withoutAddress = _extras.NextDouble() < 0.08;
        return shop.Customers.Add(new CustomerRecord
        {
            Id = shop.Ids.Customer += random.Int(1, 40),
            FirstName = firstName,
            LastName = lastName,
            Email = withoutEmail ? null : string.Create(CultureInfo.InvariantCulture,
                $"{firstName}.{lastName}{number}@{EmailDomains[number % EmailDomains.Length]}").ToLowerInvariant(),
            Phone = random.Double() < 0.7 ? "+1" + random.ReplaceNumbers("##########") : null,
            City = withoutAddress ? null : city,
            Province = withoutAddress ? null : province,
            Country = withoutAddress ? null : country.Name,
            CountryCode = withoutAddress ? null : country.Code,
            Tags = NewTags(),
            CreatedAt = createdAt,
            UpdatedAt = UnixTime.Between(createdAt, latest, random.Double() * random.Double()),
        });
    }

    /// <summary>Changes what a merchant typically edits: tags and the phone number.</summary>
    public void Edit(ShopData shop, int customerIndex, long now)
    {
        ref var customer = ref shop.Customers[customerIndex];
        customer.Tags = NewTags();
        customer.Phone = "+1" + _faker.Random.ReplaceNumbers("##########");
        customer.UpdatedAt = now;
    }

    private string[] NewTags() =>
        [.. Enumerable.Range(0, _faker.Random.Int(0, 2)).Select(_ => _faker.Random.ArrayElement(TagPool)).Distinct()];

    /// <param name="Name">The country's name as Shopify spells it on addresses.</param>
    /// <param name="Code">ISO 3166-1 alpha-2.</param>
    /// <param name="Places">Cities with their province (null where addresses carry none); null: US cities and states from Bogus.</param>
    private sealed record Country(string Name, string Code, (string City, string? Province)[]? Places);
}
