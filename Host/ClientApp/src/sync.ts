// The sync panel: where each resource's sync stands, and "Sync now".
import { ApiError, graphql, SessionExpiredError } from './api';
import { clear, h, messageOf } from './dom';
import { count, dateTime, duration, listOf, relativeTime } from './format';
import { noticeExplaining } from './notices';
import { SYNC_ALL, SYNC_RUNS, SYNC_STATUS } from './queries';
import type { ShopState, SyncResourceStatus, SyncRun } from './types';

const RESOURCES = ['products', 'customers', 'orders'];
const IDLE_REFRESH_MS = 15_000;
const ACTIVE_REFRESH_MS = 1_000;

function resourceTitle(resource: string): string {
  return resource.charAt(0).toUpperCase() + resource.slice(1);
}

function isActive(run: SyncRun | null | undefined): boolean {
  return !!run && !run.finishedAt && run.status !== 'succeeded' && run.status !== 'failed';
}

/** A failure in the merchant's words; the run's own error text is already written for people. */
function failureText(run: SyncRun, shop: ShopState | null): string {
  const error = run.error ?? 'no reason was recorded';
  const notice = noticeExplaining(shop, error);
  if (notice) return `${notice} (see the notice at the top of the page).`;
  if (/\b(401|403)\b|access token|unauthori[sz]ed|forbidden/i.test(error)) {
    return `Shopify refused the shop's access token: ${error}`;
  }
  return error;
}

/** Records a run received but could not use (each is logged on the server with its reason). */
function skippedNote(skipped: number): HTMLElement | null {
  if (!skipped) return null;
  return h('span', { class: 'muted block', attrs: { title: 'Received from Shopify but incomplete (for example without an id); the server log names each.' } },
    `${count(skipped)} skipped`);
}

export class SyncPanel {
  readonly element: HTMLElement;
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private readonly banner = h('div');
  private readonly status = h('p', { class: 'sync-status muted', attrs: { id: 'sync-message', role: 'status' } });
  private readonly button = h('button', { class: 'button button-primary', attrs: { type: 'button', id: 'sync-now' } }, 'Sync now');
  private timer: number | undefined;
  private stopped = false;
  /** The runs "Sync now" started, until they finish. */
  private pending: string[] = [];
  /** The shop's state at the last refresh: failures its notices explain are not spelled out again here. */
  private shop: ShopState | null = null;

  /**
   * @param onSyncFinished called when the runs "Sync now" started have all ended.
   * @param onShopState called with the shop's state at every refresh, for the dashboard's notices.
   */
  constructor(private readonly onSyncFinished: () => void, private readonly onShopState: (shop: ShopState) => void) {
    const body = h('tbody');
    for (const resource of RESOURCES) {
      const row = h('tr', { data: { resource } }, h('th', { attrs: { scope: 'row' } }, resourceTitle(resource)), h('td', { attrs: { colspan: 4 } }, '—'));
      this.rows.set(resource, row);
      body.append(row);
    }
    this.button.addEventListener('click', () => void this.syncNow());
    this.element = h(
      'section',
      { class: 'card sync-card', attrs: { id: 'sync-panel', 'aria-labelledby': 'sync-title' } },
      h('div', { class: 'card-head' }, h('h2', { attrs: { id: 'sync-title' } }, 'Sync with Shopify'), this.button),
      this.banner,
      h('div', { class: 'table-scroll' },
        h('table', { class: 'sync-table' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Data'), h('th', {}, 'Last run'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'Records'), h('th', { class: 'num' }, 'Took'))),
          body)),
      this.status,
    );
  }

  start(): void {
    this.stopped = false;
    void this.refresh();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
  }

  /** Something changed outside the panel (a new access token): show where syncing stands now. */
  refreshNow(): void {
    if (!this.stopped) void this.refresh();
  }

  private schedule(delay: number): void {
    window.clearTimeout(this.timer);
    if (!this.stopped) this.timer = window.setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    let active = false;
    try {
      const data = await graphql<{ syncStatus: SyncResourceStatus[]; me: { shop: ShopState } }>(SYNC_STATUS);
      if (this.stopped) return;
      // A refused token, a pause or missing permissions are the dashboard's notices, above everything else.
      this.shop = data.me.shop;
      this.onShopState(data.me.shop);
      clear(this.banner,
        !data.me.shop.syncEnabled ? h('p', { class: 'note' }, 'Scheduled syncing is off for this shop; "Sync now" still works.') : null);
      for (const status of data.syncStatus) {
        this.showRow(status);
        active ||= isActive(status.lastRun);
      }
      if (this.pending.length > 0) {
        await this.checkPending();
        // Look again soon even when they have just ended: the shop's state above was read before they ended, and
        // a run can leave it changed (a pause, a refused token).
        active = true;
      }
    } catch (error) {
      if (error instanceof SessionExpiredError || this.stopped) return;
      this.status.textContent = `The sync status could not be loaded: ${messageOf(error)}`;
    }
    this.schedule(active ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS);
  }

  private showRow(status: SyncResourceStatus): void {
    let row = this.rows.get(status.resource);
    if (!row) {
      row = h('tr', { data: { resource: status.resource } });
      this.rows.set(status.resource, row);
      this.element.querySelector('tbody')?.append(row);
    }
    const run = status.lastRun;
    const title = h('th', { attrs: { scope: 'row' } }, resourceTitle(status.resource));
    if (!run) {
      clear(row, title, h('td', { attrs: { colspan: 4 }, class: 'muted' }, 'Not synced yet'));
      row.dataset.status = 'none';
      return;
    }
    row.dataset.status = run.status;
    row.dataset.runId = run.id;
    const when = run.startedAt ?? run.requestedAt;
    let statusCell: HTMLElement;
    if (isActive(run)) {
      statusCell = h('td', {},
        h('span', { class: 'badge badge-running' }, run.startedAt ? 'Running' : 'Waiting'),
        h('span', { class: 'muted block' }, !run.startedAt
          ? 'waiting for the previous run to finish'
          : run.pages === 0 ? 'starting…' : `${count(run.pages)} pages, ${count(run.recordsFetched)} records received`));
    } else if (run.status === 'failed') {
      statusCell = h('td', {}, h('span', { class: 'badge badge-failed' }, 'Failed'),
        h('span', { class: 'error-text block', attrs: { title: run.error } }, failureText(run, this.shop)));
    } else {
      statusCell = h('td', {}, h('span', { class: 'badge badge-ok' }, run.status === 'succeeded' ? 'Succeeded' : run.status));
    }
    clear(
      row,
      title,
      h('td', {}, h('time', { attrs: { datetime: when, title: dateTime(when) } }, relativeTime(when)),
        h('span', { class: 'muted block' }, run.trigger === 'manual' ? 'started by hand' : 'scheduled')),
      statusCell,
      h('td', { class: 'num' }, count(run.recordsUpserted), skippedNote(run.recordsSkipped)),
      h('td', { class: 'num' }, run.startedAt ? duration(run.startedAt, run.finishedAt) : '—'),
    );
  }

  /** Shows how far the runs "Sync now" started have got, and how they ended once they all have. */
  private async checkPending(): Promise<void> {
    const { syncRuns } = await graphql<{ syncRuns: { nodes: SyncRun[] } }>(SYNC_RUNS, { first: 50 });
    const runs = this.pending.map((id) => syncRuns.nodes.find((run) => run.id === id)).filter((run): run is SyncRun => !!run);
    if (runs.length < this.pending.length || runs.some(isActive)) {
      const done = runs.filter((run) => !isActive(run)).length;
      this.status.textContent = `Syncing… ${done} of ${this.pending.length} done, ${count(runs.reduce((sum, run) => sum + run.recordsUpserted, 0))} records written so far.`;
      return;
    }
    const failed = runs.filter((run) => run.status === 'failed');
    const records = runs.reduce((sum, run) => sum + run.recordsUpserted, 0);
    const skipped = runs.reduce((sum, run) => sum + run.recordsSkipped, 0);
    this.status.textContent = failed.length === 0
      ? `Sync finished: ${count(records)} records written${skipped > 0 ? `, ${count(skipped)} skipped because Shopify sent them incomplete` : ''}.`
      : `Sync finished with ${failed.length} failure${failed.length === 1 ? '' : 's'}: ${this.failures(failed)}`;
    this.status.dataset.outcome = failed.length === 0 ? 'succeeded' : 'failed';
    this.pending = [];
    this.button.disabled = false;
    this.button.textContent = 'Sync now';
    this.onSyncFinished();
  }

  /** "products and orders: <why>; customers: <why>": runs that failed alike (a pause stops them all) are named once. */
  private failures(failed: SyncRun[]): string {
    const resourcesByText = new Map<string, string[]>();
    for (const run of failed) {
      const text = failureText(run, this.shop);
      resourcesByText.set(text, [...(resourcesByText.get(text) ?? []), run.resource]);
    }
    return [...resourcesByText].map(([text, resources]) => `${listOf(resources)}: ${text}`).join('; ');
  }

  private async syncNow(): Promise<void> {
    this.button.disabled = true;
    this.button.textContent = 'Syncing…';
    delete this.status.dataset.outcome;
    this.status.textContent = 'Starting a sync of products, customers and orders…';
    try {
      const { syncAll } = await graphql<{ syncAll: SyncRun[] }>(SYNC_ALL);
      this.pending = syncAll.map((run) => run.id);
      await this.refresh();
    } catch (error) {
      if (error instanceof SessionExpiredError) return;
      this.status.textContent = error instanceof ApiError
        ? `The sync could not be started: ${error.message}`
        : `The sync could not be started: ${messageOf(error)}`;
      this.status.dataset.outcome = 'failed';
      this.button.disabled = false;
      this.button.textContent = 'Sync now';
    }
  }
}
