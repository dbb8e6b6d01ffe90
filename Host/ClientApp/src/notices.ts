// Banners at the top of the dashboard for whatever keeps the shop from syncing completely: a refused token,
// a paused sync (shop frozen, locked or gone), missing permissions, orders older than 60 days hidden by Shopify.
// Each says what happened and what the merchant can do, in the merchant's words; the server's own text, which
// names the HTTP answer, is kept as a detail for whoever helps them.
import { ApiError, graphql, SessionExpiredError } from './api';
import { clear, h, messageOf } from './dom';
import { addDays, calendarDate, dateTime, listOf } from './format';
import { UPDATE_ACCESS_TOKEN } from './queries';
import type { ShopState } from './types';

/** Without read_all_orders Shopify shows an app only the orders of the last 60 days. */
export const VISIBLE_ORDER_DAYS = 60;

export type NoticeKind = 'credentials' | 'paused' | 'missing-scopes' | 'limited-history';

export interface Notice {
  kind: NoticeKind;
  /** Errors stop syncing altogether and are alerts; warnings mean incomplete data and are status messages. */
  severity: 'error' | 'warning';
  title: string;
  /** What happened, then what to do: one paragraph each. */
  paragraphs: string[];
  /** The server's own wording, for support. */
  detail?: string;
  /** Extra attributes for tests and styling, e.g. the pause's kind. */
  data?: Record<string, string>;
}

/** What each needed scope lets ShopIngest sync, and which parts of the dashboard depend on it. */
const SCOPES: Record<string, { what: string; shows: string }> = {
  read_products: { what: 'products', shows: 'the products table' },
  read_customers: { what: 'customers', shows: 'the customer count, top customers and the customers table' },
  read_orders: { what: 'orders', shows: 'revenue, orders, the sales chart and the orders table' },
};

/** The needed scopes the token lacks, apart from read_all_orders, which has its own notice. */
function missingReadScopes(shop: ShopState): string[] {
  return (shop.access?.missingScopes ?? []).filter((scope) => scope in SCOPES);
}

/**
 * Whether Shopify hides the shop's orders older than 60 days from ShopIngest. Not when read_orders itself is
 * missing: then no order is synced at all, and the missing-permission notice says so.
 */
export function ordersHistoryLimited(shop: ShopState): boolean {
  return shop.ordersHistoryLimited === true && !missingReadScopes(shop).includes('read_orders');
}

/** The first day (YYYY-MM-DD) whose orders are all visible when the history is limited. */
export function firstFullyVisibleDay(today: string): string {
  return addDays(today, 1 - VISIBLE_ORDER_DAYS);
}

function credentialsNotice(shop: ShopState): Notice | null {
  if (!shop.credentialsError) return null;
  return {
    kind: 'credentials',
    severity: 'error',
    title: "Syncing has stopped: Shopify refused ShopIngest's access token",
    paragraphs: [
      `Shopify no longer accepts the access token ShopIngest uses for ${shop.domain}. This happens when the app is ` +
        'uninstalled, or its token is revoked or replaced. Your data so far is kept, but it is no longer updated.',
      'Reinstall the app or create a new Admin API access token in your Shopify admin, then enter it below. ' +
        'Syncing resumes with the new token.',
    ],
    detail: shop.credentialsError,
  };
}

type PauseKind = 'frozen' | 'locked' | 'not-found' | 'other';

/** The server's pause reason names Shopify's answer: 402 frozen, 423 locked, 404 not found. */
function pauseKind(reason: string): PauseKind {
  if (/\b402\b|frozen|payment required/i.test(reason)) return 'frozen';
  if (/\b423\b|locked/i.test(reason)) return 'locked';
  if (/\b404\b|not found/i.test(reason)) return 'not-found';
  return 'other';
}

function pauseExplanation(kind: PauseKind, shop: ShopState): { title: string; paragraphs: string[] } {
  switch (kind) {
    case 'frozen':
      return {
        title: 'Syncing is paused: Shopify has frozen your shop',
        paragraphs: [
          'Shopify freezes a shop while a Shopify bill is unpaid, and lets no app read its data until then.',
          'Pay the outstanding Shopify bill in your Shopify admin (Settings → Billing).',
        ],
      };
    case 'locked':
      return {
        title: 'Syncing is paused: Shopify has locked your shop',
        paragraphs: [
          'While Shopify keeps a shop locked, no app may read its data.',
          'Contact Shopify support to find out why the shop is locked and to have it unlocked.',
        ],
      };
    case 'not-found':
      return {
        title: 'Syncing is paused: Shopify cannot find your shop',
        paragraphs: [
          `Shopify answers that ${shop.domain} does not exist. This happens when the shop was closed or deleted, ` +
            'or when the shop address is wrong.',
          `Check that ${shop.domain} is your shop's address and that the shop is still open.`,
        ],
      };
    case 'other':
      return { title: 'Syncing is paused: Shopify does not serve your shop for now', paragraphs: [shop.syncPausedReason ?? ''] };
  }
}

function pausedNotice(shop: ShopState, now: number): Notice | null {
  if (!shop.syncPausedReason) return null;
  const kind = pauseKind(shop.syncPausedReason);
  const { title, paragraphs } = pauseExplanation(kind, shop);
  const until = shop.syncPausedUntil;
  // The pause ends at syncPausedUntil; a successful "Sync now" ends it sooner.
  const retry = until && Date.parse(until) > now
    ? `Next automatic attempt: ${dateTime(until)}. Once it is sorted out, "Sync now" tries right away.`
    : 'ShopIngest tries again at the next scheduled sync; "Sync now" tries right away.';
  return {
    kind: 'paused',
    severity: 'error',
    title,
    paragraphs: [...paragraphs, retry],
    detail: kind === 'other' ? undefined : shop.syncPausedReason,
    data: { pause: kind },
  };
}

function missingScopesNotice(shop: ShopState): Notice | null {
  const missing = missingReadScopes(shop);
  if (missing.length === 0) return null;
  const one = missing.length === 1;
  const things = listOf(missing.map((scope) => SCOPES[scope].what));
  const permissions = listOf(missing.map((scope) => `${SCOPES[scope].what} (${scope})`));
  return {
    kind: 'missing-scopes',
    severity: 'warning',
    title: `ShopIngest cannot sync your ${things}`,
    paragraphs: [
      `The app lacks the permission${one ? '' : 's'} to read ${permissions} in your shop, so ${listOf(missing.map((s) => SCOPES[s].shows))} ` +
        'stay empty or out of date. Everything else keeps syncing.',
      `Grant the app ${one ? 'this permission' : 'these permissions'} in your Shopify admin (Settings → Apps and sales channels, ` +
        'or reinstall the app with them). ShopIngest picks the change up at its next sync; "Sync now" checks right away.',
    ],
    data: { scopes: missing.join(' ') },
  };
}

function limitedHistoryNotice(shop: ShopState): Notice | null {
  if (!ordersHistoryLimited(shop)) return null;
  return {
    kind: 'limited-history',
    severity: 'warning',
    title: `Only your last ${VISIBLE_ORDER_DAYS} days of orders are visible`,
    paragraphs: [
      "Shopify shows older orders only to apps granted the 'read all orders' permission (read_all_orders), and this app " +
        `does not have it. Revenue, orders and the sales chart for ranges reaching back more than ${VISIBLE_ORDER_DAYS} days ` +
        'are therefore incomplete.',
      'Ask for the permission in your app\'s settings, or reinstall the app with it, then sync again with "Sync now".',
    ],
  };
}

/** The notices a shop's state calls for, the most serious first. */
export function noticesFor(shop: ShopState, now = Date.now()): Notice[] {
  return [credentialsNotice(shop), pausedNotice(shop, now), missingScopesNotice(shop), limitedHistoryNotice(shop)]
    .filter((notice): notice is Notice => notice !== null);
}

/** The state fields in a fixed order: the same state compares equal whichever query brought it. */
function stateKey(shop: ShopState): string {
  const { domain, syncEnabled, credentialsError, access, ordersHistoryLimited: limited, syncPausedReason, syncPausedUntil } = shop;
  return JSON.stringify([domain, syncEnabled, credentialsError, access?.missingScopes, access?.checkedAt, limited, syncPausedReason, syncPausedUntil]);
}

/**
 * The banners' container. It is rebuilt only when a notice's text changes: the sync panel refreshes the state every
 * few seconds, and re-inserting an alert would make screen readers announce it again each time.
 */
export class ShopNotices {
  readonly element = h('section', { class: 'notices', attrs: { id: 'shop-notices', 'aria-label': 'Sync notices', hidden: true } });
  private shown = '';
  /** Set after a new token was saved, until the shop's state next changes. */
  private confirmation: { message: string; after: string } | null = null;

  /** @param onStateChanged called with the shop's state after the merchant changed it here (a new token). */
  constructor(private readonly onStateChanged: (shop: ShopState) => void) {}

  show(shop: ShopState): void {
    const state = stateKey(shop);
    if (this.confirmation && this.confirmation.after !== state) this.confirmation = null;
    const notices = noticesFor(shop);
    const key = JSON.stringify([notices, this.confirmation?.message]);
    if (key === this.shown) return;
    this.shown = key;
    clear(this.element,
      this.confirmation ? h('div', { class: 'banner banner-ok', attrs: { role: 'status' }, data: { notice: 'token-saved' } }, this.confirmation.message) : null,
      ...notices.map((notice) => this.banner(notice)));
    this.element.hidden = this.element.childElementCount === 0;
  }

  private banner(notice: Notice): HTMLElement {
    return h('div',
      {
        class: `banner banner-${notice.severity}`,
        attrs: { role: notice.severity === 'error' ? 'alert' : 'status' },
        data: { notice: notice.kind, ...notice.data },
      },
      h('p', { class: 'banner-title' }, notice.title),
      ...notice.paragraphs.map((text) => h('p', {}, text)),
      notice.detail ? h('p', { class: 'banner-detail' }, `Details: ${notice.detail}`) : null,
      notice.kind === 'credentials' ? this.tokenForm() : null,
    );
  }

  /** Where the merchant enters a new Admin API access token (updateShopAccessToken). */
  private tokenForm(): HTMLElement {
    const input = h('input', {
      attrs: { id: 'new-access-token', name: 'accessToken', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true },
    });
    const submit = h('button', { class: 'button', attrs: { type: 'submit' } }, 'Save token');
    const message = h('p', { class: 'banner-form-message', attrs: { id: 'token-message', role: 'status' } });
    const form = h('form', { class: 'banner-form', attrs: { id: 'token-form' } },
      h('label', { attrs: { for: 'new-access-token' } }, 'New access token'), input, submit, message);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.saveToken(input.value.trim(), submit, message);
    });
    return form;
  }

  private async saveToken(accessToken: string, submit: HTMLButtonElement, message: HTMLElement): Promise<void> {
    if (!accessToken) {
      message.textContent = 'Paste the new access token first.';
      return;
    }
    submit.disabled = true;
    message.textContent = 'Saving…';
    try {
      const { updateShopAccessToken: shop } = await graphql<{ updateShopAccessToken: ShopState }>(UPDATE_ACCESS_TOKEN, { accessToken });
      this.confirmation = {
        message: 'The new access token is saved. The next scheduled sync uses it; "Sync now" syncs right away.',
        after: stateKey(shop),
      };
      this.show(shop);
      this.onStateChanged(shop);
    } catch (error) {
      if (error instanceof SessionExpiredError) return;
      message.textContent = `The token could not be saved: ${error instanceof ApiError ? error.message : messageOf(error)}`;
      submit.disabled = false;
    }
  }
}

/**
 * The title of the notice that already explains a failed run, if one does: a pause and a refused token stop every
 * run with the same long text, which the sync panel then need not repeat per resource.
 */
export function noticeExplaining(shop: ShopState | null, error: string): string | null {
  if (!shop) return null;
  const explains = (notice: Notice): boolean => {
    switch (notice.kind) {
      case 'paused':
        return !!shop.syncPausedReason && error.startsWith(shop.syncPausedReason);
      case 'credentials':
        return !!shop.credentialsError && error.startsWith(shop.credentialsError);
      case 'missing-scopes':
        return missingReadScopes(shop).some((scope) => error.includes(scope));
      case 'limited-history':
        return false;
    }
  };
  return noticesFor(shop).find(explains)?.title ?? null;
}

/**
 * A line under the range picker when the range reaches back past the orders Shopify shows, so that its figures
 * are not taken as complete; null when the range is fully visible.
 */
export function incompleteRangeText(shop: ShopState, from: string | null, today: string): string | null {
  if (!ordersHistoryLimited(shop)) return null;
  const firstDay = firstFullyVisibleDay(today);
  if (from !== null && from >= firstDay) return null;
  return `This range reaches back more than ${VISIBLE_ORDER_DAYS} days: orders before ${calendarDate(firstDay)} ` +
    'are not visible to ShopIngest, so its revenue and order figures are incomplete.';
}
