import type { Amount } from './format';

/** What the shop's Shopify access token may read; null until ShopIngest first asked (at the first sync). */
export interface ShopAccess {
  grantedScopes: string[];
  /** Of read_products, read_customers, read_orders and read_all_orders, those the token lacks. */
  missingScopes: string[];
  checkedAt: string;
}

/** The parts of the shop that say whether, and how completely, it can be synced (see notices.ts). */
export interface ShopState {
  domain: string;
  syncEnabled: boolean;
  /** Shopify refused the access token (401); syncing waits for a new one. */
  credentialsError: string | null;
  access: ShopAccess | null;
  /** True without read_all_orders: Shopify shows only the last 60 days of orders. Null until checked. */
  ordersHistoryLimited: boolean | null;
  /** Why Shopify will not serve the shop for now (frozen, locked, not found); null unless paused. */
  syncPausedReason: string | null;
  /** When the schedule tries again (ISO date-time); null unless paused. */
  syncPausedUntil: string | null;
}

export interface Shop extends ShopState {
  id: string;
  name: string;
  currency: string | null;
  timezone: string | null;
}

export interface Me {
  email: string;
  shop: Shop;
}

export interface Stats {
  totalRevenue: Amount;
  grossRevenue: Amount;
  totalOrders: number;
  averageOrderValue: Amount;
  totalCustomers: number;
  currency: string | null;
}

export interface TopCustomer {
  shopifyId: string;
  name: string | null;
  email: string | null;
  amountSpent: Amount;
  numberOfOrders: number;
}

export interface SyncRun {
  id: string;
  resource: string;
  trigger: string;
  status: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  pages: number;
  recordsFetched: number;
  recordsUpserted: number;
  /** Records received but unusable (e.g. without an id); the run went on without them. */
  recordsSkipped: number;
  error: string | null;
  /** paged, or bulk: a Shopify bulk export of the whole history (a large first sync). */
  mode: string;
  bulkOperationId: string | null;
  /** Shopify's status of the export as last polled: CREATED, RUNNING, COMPLETED, FAILED, CANCELED or EXPIRED (NEW before it started). */
  bulkStatus: string | null;
  /** Objects exported so far, line items and variants included. */
  bulkObjectCount: number | null;
  /** Records (orders, customers or products) exported so far. */
  bulkRootObjectCount: number | null;
  /** How many records Shopify counted when the first sync began: the whole of the progress bars. */
  expectedRecords: number | null;
  /** What the merchant should know about how the run went, e.g. a failed export that was paged instead. */
  notice: string | null;
}

export interface SyncResourceStatus {
  resource: string;
  cursor: string | null;
  lastRun: SyncRun | null;
}
