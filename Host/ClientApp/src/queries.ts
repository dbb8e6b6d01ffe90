// Every GraphQL document the dashboard sends, in one place, so that adapting to the API is one edit.

export const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { token expiresAt shop { id domain name } }
  }`;

/** The shop fields behind the dashboard's notices (types.ts ShopState), asked for at load and with every sync status. */
const SHOP_STATE_FIELDS = `
  domain syncEnabled credentialsError ordersHistoryLimited syncPausedReason syncPausedUntil
  access { grantedScopes missingScopes checkedAt }`;

export const ME = /* GraphQL */ `
  query Me {
    me { email shop { id name currency timezone ${SHOP_STATE_FIELDS} } }
  }`;

export const STATS = /* GraphQL */ `
  query Stats($from: Date, $to: Date) {
    stats(from: $from, to: $to) { totalRevenue grossRevenue totalOrders averageOrderValue totalCustomers currency }
  }`;

export const SALES_BY_DATE = /* GraphQL */ `
  query SalesByDate($from: Date!, $to: Date!, $interval: SalesInterval) {
    salesByDate(from: $from, to: $to, interval: $interval) { date orders revenue }
  }`;

export const TOP_CUSTOMERS = /* GraphQL */ `
  query TopCustomers($first: Int) {
    topCustomers(first: $first) { shopifyId name email amountSpent numberOfOrders }
  }`;

const SYNC_RUN_FIELDS = `
  id resource trigger status requestedAt startedAt finishedAt pages recordsFetched recordsUpserted recordsSkipped error
  mode bulkOperationId bulkStatus bulkObjectCount bulkRootObjectCount expectedRecords notice`;

/**
 * Each resource's latest run, and the newest runs: a resource's latest run may be a "Sync now" waiting behind a long
 * one (a bulk export), whose progress the panel keeps showing. Only waiting manual runs (one per resource) and the
 * other runs of the same sync are newer than a running one, so ten always include it.
 */
export const SYNC_STATUS = /* GraphQL */ `
  query SyncStatus {
    syncStatus { resource cursor lastRun { ${SYNC_RUN_FIELDS} } }
    syncRuns(first: 10) { nodes { ${SYNC_RUN_FIELDS} } }
    me { shop { ${SHOP_STATE_FIELDS} } }
  }`;

export const UPDATE_ACCESS_TOKEN = /* GraphQL */ `
  mutation UpdateShopAccessToken($accessToken: String!) {
    updateShopAccessToken(accessToken: $accessToken) { ${SHOP_STATE_FIELDS} }
  }`;

export const SYNC_RUNS = /* GraphQL */ `
  query SyncRuns($first: Int) {
    syncRuns(first: $first) { nodes { ${SYNC_RUN_FIELDS} } }
  }`;

export const SYNC_ALL = /* GraphQL */ `
  mutation SyncAll {
    syncAll { ${SYNC_RUN_FIELDS} }
  }`;

export const ORDER_NODE = `
  id shopifyId name email processedAt displayFinancialStatus displayFulfillmentStatus currentTotalPrice currencyCode
  customer { name email }`;

export const CUSTOMER_NODE = `id shopifyId name email amountSpent numberOfOrders city country`;

export const PRODUCT_NODE = `
  id shopifyId title status vendor productType updatedAt
  variants { sku price inventoryQuantity }`;

/**
 * A page of a connection field (orders, customers, products) with the arguments given; their
 * GraphQL types come from the schema (see BROWSE_ARGUMENTS), so only arguments the server has are sent.
 */
export function connectionQuery(field: string, argumentTypes: Record<string, string>, nodeSelection: string): string {
  const names = Object.keys(argumentTypes);
  const declarations = names.map((name) => `$${name}: ${argumentTypes[name]}`).join(', ');
  const args = names.map((name) => `${name}: $${name}`).join(', ');
  return `query Browse${declarations ? `(${declarations})` : ''} {
    ${field}${args ? `(${args})` : ''} {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { ${nodeSelection} } }
    }
  }`;
}

/**
 * The arguments of the browse fields, read from the schema: the filter and sort choices come from
 * the server's own enums, and connectionQuery declares each variable with the server's type.
 */
export const BROWSE_ARGUMENTS = /* GraphQL */ `
  query BrowseArguments {
    __type(name: "Query") {
      fields { name args { name defaultValue type { ...TypeRef } } }
    }
  }
  fragment TypeRef on __Type {
    kind name enumValues { name description }
    ofType { kind name enumValues { name description } ofType { kind name enumValues { name description } } }
  }`;
