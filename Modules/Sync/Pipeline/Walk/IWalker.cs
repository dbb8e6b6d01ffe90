using System.Threading.Channels;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline.Walk;

/// <summary>
/// The walk stage: fetches one stretch of a resource from Shopify, page after page, into <c>pages</c>, and completes it
/// (with the failure, if the walk fails). A walker never touches the database: the writer stores what it hands over.
/// </summary>
internal interface IWalker
{
    Task WalkAsync<TRecord>(
        IResourceFeed<TRecord> feed, ShopAccess shop, Stretch stretch, ChannelWriter<FetchedPage<TRecord>> pages, CancellationToken cancellationToken);
}
