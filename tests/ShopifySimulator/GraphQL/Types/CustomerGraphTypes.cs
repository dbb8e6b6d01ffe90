using GraphQL.Types;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

/// <remarks>
/// amountSpent and numberOfOrders are defined by the simulator as the sum of currentTotalPriceSet
/// and the count over the customer's orders that are neither test orders nor cancelled. Shopify
/// documents amountSpent only as "the total amount that the customer has spent on orders in their
/// lifetime"; this rule is the one the analytics use for revenue, so truth and customers agree.
/// </remarks>
internal sealed class CustomerGraphType : ObjectGraphType<CustomerNode>
{
    public CustomerGraphType()
    {
        Name = "Customer";
        Description = "Represents information about a customer of the shop.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => Gid.For("Customer", context.Source.Record.Id));
        Field<NonNullGraphType<UnsignedInt64GraphType>>("legacyResourceId").Description("The ID of the corresponding resource in the REST Admin API.")
            .Resolve(context => context.Source.Record.Id);
        Field<StringGraphType>("firstName").Description("The customer's first name.")
            .Resolve(context => context.Source.Record.FirstName);
        Field<StringGraphType>("lastName").Description("The customer's last name.")
            .Resolve(context => context.Source.Record.LastName);
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The full name of the customer, based on the first_name and last_name values.")
            .Resolve(context => $"{context.Source.Record.FirstName} {context.Source.Record.LastName}");
        Field<StringGraphType>("email").Description("The customer's email address.")
            .DeprecationReason("Use `defaultEmailAddress.emailAddress` instead.")
            .Resolve(context => context.Source.Record.Email);
        Field<StringGraphType>("phone").Description("The customer's phone number.")
            .DeprecationReason("Use `defaultPhoneNumber.phoneNumber` instead.")
            .Resolve(context => context.Source.Record.Phone);
        Field<CustomerEmailAddressGraphType>("defaultEmailAddress").Description("The customer's default email address.")
            .Resolve(context => context.Source.Record.Email);
        Field<CustomerPhoneNumberGraphType>("defaultPhoneNumber").Description("The customer's default phone number.")
            .Resolve(context => context.Source.Record.Phone);
        Field<MailingAddressGraphType>("defaultAddress").Description("The default address associated with the customer.")
            .Resolve(context => context.Source.Record.HasAddress ? context.Source : null);
        Field<NonNullGraphType<MoneyV2GraphType>>("amountSpent").Description("The total amount that the customer has spent on orders in their lifetime.")
            .Resolve(context => new MoneyAmount(context.Source.Record.AmountSpentCents, context.Source.Shop.Settings.Currency));
        Field<NonNullGraphType<UnsignedInt64GraphType>>("numberOfOrders").Description("The number of orders that the customer has made at the store in their lifetime.")
            .Resolve(context => (long)context.Source.Record.NumberOfOrders);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("A comma separated list of tags that have been added to the customer.")
            .Resolve(context => context.Source.Record.Tags);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Description("The date and time when the customer was added to the store.")
            .Resolve(context => UnixTime.ToDateTime(context.Source.Record.CreatedAt));
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("updatedAt").Description("The date and time when the customer was last updated.")
            .Resolve(context => UnixTime.ToDateTime(context.Source.Record.UpdatedAt));
    }
}

/// <summary>An object with one string field, built from that string: CustomerEmailAddress, CustomerPhoneNumber.</summary>
internal abstract class SingleStringGraphType : ObjectGraphType<string>
{
    protected SingleStringGraphType(string name, string description, string field, string fieldDescription)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<StringGraphType>>(field).Description(fieldDescription).Resolve(context => context.Source);
    }
}

internal sealed class CustomerEmailAddressGraphType() : SingleStringGraphType(
    "CustomerEmailAddress", "An email address associated with a customer.", "emailAddress", "The customer's default email address.");

internal sealed class CustomerPhoneNumberGraphType() : SingleStringGraphType(
    "CustomerPhoneNumber", "A phone number associated with a customer.", "phoneNumber", "The customer's phone number.");

internal sealed class MailingAddressGraphType : ObjectGraphType<CustomerNode>
{
    public MailingAddressGraphType()
    {
        Name = "MailingAddress";
        Description = "Represents a customer mailing address.";
        Field<StringGraphType>("city").Description("The name of the city, district, village, or town.")
            .Resolve(context => context.Source.Record.City);
        Field<StringGraphType>("province").Description("The region of the address, such as the province, state, or district.")
            .Resolve(context => context.Source.Record.Province);
        Field<StringGraphType>("country").Description("The name of the country.")
            .Resolve(context => context.Source.Record.Country);
        Field<StringGraphType>("countryCodeV2").Description("The two-letter code for the country of the address.")
            .Resolve(context => context.Source.Record.CountryCode);
    }
}
