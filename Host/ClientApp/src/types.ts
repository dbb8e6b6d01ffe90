import type { Amount } from './format';

export interface Shop {
  id: string;
  domain: string;
  name: string;
  currency: string | null;
  timezone: string | null;
  syncEnabled: boolean;
  credentialsError: string | null;
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
  error: string | null;
}

export interface SyncResourceStatus {
  resource: string;
  cursor: string | null;
  lastRun: SyncRun | null;
}
