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
/** While a run writes records, the figures are reloaded at most this often, so that a long first sync fills them in. */
const FIGURES_REFRESH_MS = 10_000;

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

/**
 * Where a running bulk run is in the two steps of a large first sync: Shopify exports the shop's history (step 1),
 * then ShopIngest writes what it exported (step 2). Null for any other run.
 */
interface BulkStage {
  step: 'export' | 'write';
  /** What the bar's label says, numbers included. */
  label: string;
  done: number;
  /** The bar's whole; null when Shopify's count is unknown. */
  total: number | null;
}

function bulkStage(run: SyncRun): BulkStage | null {
  if (run.mode !== 'bulk' || !run.startedAt || !isActive(run)) return null;
  const records = run.resource;
  const total = run.expectedRecords;
  const of = (done: number) => (total == null ? `${count(done)} ${records} so far` : `${count(done)} of ${count(Math.max(total, done))} ${records}`);
  switch (run.bulkStatus) {
    case null:
    case 'NEW':
    case 'CREATED':
      return {
        step: 'export', done: 0, total,
        label: `Waiting for Shopify to start exporting the shop's history${total == null ? '' : ` (${count(total)} ${records})`}`,
      };
    case 'RUNNING': {
      const done = run.bulkRootObjectCount ?? 0;
      return { step: 'export', done, total, label: `Shopify is exporting the shop's history: ${of(done)}` };
    }
    case 'COMPLETED':
      return {
        step: 'write', done: run.recordsUpserted, total,
        label: `ShopIngest is writing the exported history: ${of(run.recordsUpserted)} written`,
      };
    default:
      // FAILED, CANCELED: the run pages the history instead, and its notice says so.
      return null;
  }
}

/** The stage as an accessible progress bar (role=progressbar), labelled by the sentence above it. */
function stageProgress(resource: string, stage: BulkStage): HTMLElement {
  const labelId = `sync-progress-${resource}`;
  const max = stage.total == null ? null : Math.max(stage.total, stage.done);
  const percent = max ? Math.min(100, Math.floor((stage.done / max) * 100)) : 0;
  const fill = h('span', { class: 'progress-fill' });
  // Through the CSSOM: the Content-Security-Policy refuses style attributes, not this.
  if (max != null) fill.style.width = `${percent}%`;
  return h('div', { class: 'sync-progress' },
    h('p', { class: 'sync-progress-label' },
      h('span', { attrs: { id: labelId } }, stage.label),
      max == null ? null : h('span', { class: 'muted num', attrs: { 'aria-hidden': 'true' } }, percent === 0 && stage.done > 0 ? '<1%' : `${percent}%`)),
    h('div', {
      class: max == null ? 'progress progress-indeterminate' : 'progress',
      attrs: { role: 'progressbar', 'aria-labelledby': labelId, 'aria-valuemin': 0, 'aria-valuemax': max, 'aria-valuenow': max == null ? null : stage.done },
      data: { step: stage.step },
    }, fill));
}

/** What a run's mode and notice add under its status: "bulk export", and what the merchant should know. */
function runNotes(run: SyncRun): (HTMLElement | null)[] {
  return [
    run.mode === 'bulk' && !isActive(run)
      ? h('span', { class: 'muted block', attrs: { title: "The shop's history came through a Shopify bulk export." } }, 'bulk export')
      : null,
    run.notice ? h('span', { class: 'run-notice block', data: { notice: 'run' } }, run.notice) : null,
  ];
}

/**
 * The run to show for a resource: its latest, unless that is a "Sync now" waiting behind a run still under way (a
 * long bulk export, say), whose progress matters more. Runs are newest first.
 */
function runToShow(latest: SyncRun | null, recent: SyncRun[]): SyncRun | null {
  if (!latest || latest.startedAt || !isActive(latest)) return latest;
  return recent.find((run) => run.resource === latest.resource && run.id !== latest.id && run.startedAt && isActive(run)) ?? latest;
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
  /** Under a resource's row while a bulk run is under way: its progress, the width of the table. */
  private readonly progressRows = new Map<string, HTMLTableRowElement>();
  private readonly banner = h('div');
  private readonly bulkNote = h('p', { class: 'note', attrs: { id: 'sync-bulk-note', hidden: true } },
    "A large shop's first sync happens in two steps: Shopify exports the shop's history, then ShopIngest writes it. " +
    'The dashboard fills in as the records are written, and you can leave this page in the meantime.');
  private readonly status = h('p', { class: 'sync-status muted', attrs: { id: 'sync-message', role: 'status' } });
  private readonly button = h('button', { class: 'button button-primary', attrs: { type: 'button', id: 'sync-now' } }, 'Sync now');
  private timer: number | undefined;
  private stopped = false;
  /** The runs "Sync now" started, until they finish. */
  private pending: string[] = [];
  /** The shop's state at the last refresh: failures its notices explain are not spelled out again here. */
  private shop: ShopState | null = null;
  /** Records written by each running run at the last refresh; whether the figures miss some, and when they were loaded. */
  private written = new Map<string, number>();
  private unshownWrites = false;
  private figuresLoadedAt = Date.now();

  /**
   * @param onRecordsWritten called when the runs "Sync now" started have all ended, and at most every
   *   FIGURES_REFRESH_MS while a run writes records, so that the figures fill in during a long first sync.
   * @param onShopState called with the shop's state at every refresh, for the dashboard's notices.
   */
  constructor(private readonly onRecordsWritten: () => void, private readonly onShopState: (shop: ShopState) => void) {
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
      this.bulkNote,
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
      const data = await graphql<{ syncStatus: SyncResourceStatus[]; syncRuns: { nodes: SyncRun[] }; me: { shop: ShopState } }>(SYNC_STATUS);
      if (this.stopped) return;
      // A refused token, a pause or missing permissions are the dashboard's notices, above everything else.
      this.shop = data.me.shop;
      this.onShopState(data.me.shop);
      clear(this.banner,
        !data.me.shop.syncEnabled ? h('p', { class: 'note' }, 'Scheduled syncing is off for this shop; "Sync now" still works.') : null);
      const shown = data.syncStatus.map((status) => ({ status, run: runToShow(status.lastRun, data.syncRuns.nodes) }));
      for (const { status, run } of shown) {
        this.showRow(status.resource, run, status.lastRun);
        active ||= isActive(status.lastRun);
      }
      this.bulkNote.hidden = !shown.some(({ run }) => run && bulkStage(run));
      let reloadFigures = this.figuresDue(data.syncRuns.nodes);
      if (this.pending.length > 0) {
        reloadFigures = (await this.checkPending()) || reloadFigures;
        // Look again soon even when they have just ended: the shop's state above was read before they ended, and
        // a run can leave it changed (a pause, a refused token).
        active = true;
      }
      if (reloadFigures) {
        this.unshownWrites = false;
        this.figuresLoadedAt = Date.now();
        this.onRecordsWritten();
      }
    } catch (error) {
      if (error instanceof SessionExpiredError || this.stopped) return;
      this.status.textContent = `The sync status could not be loaded: ${messageOf(error)}`;
    }
    this.schedule(active ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS);
  }

  /**
   * The resource's row: its run (the latest, or the one a waiting "Sync now" waits for), and under it, while a bulk run
   * is under way, that run's progress.
   */
  private showRow(resource: string, run: SyncRun | null, latest: SyncRun | null): void {
    let row = this.rows.get(resource);
    if (!row) {
      row = h('tr', { data: { resource } });
      this.rows.set(resource, row);
      this.element.querySelector('tbody')?.append(row);
    }
    const title = h('th', { attrs: { scope: 'row' } }, resourceTitle(resource));
    const stage = run ? bulkStage(run) : null;
    this.showProgress(row, resource, stage);
    if (!run) {
      clear(row, title, h('td', { attrs: { colspan: 4 }, class: 'muted' }, 'Not synced yet'));
      row.dataset.status = 'none';
      return;
    }
    row.dataset.status = run.status;
    row.dataset.runId = run.id;
    row.dataset.mode = run.mode;
    const when = run.startedAt ?? run.requestedAt;
    clear(
      row,
      title,
      h('td', {}, h('time', { attrs: { datetime: when, title: dateTime(when) } }, relativeTime(when)),
        h('span', { class: 'muted block' }, run.trigger === 'manual' ? 'started by hand' : 'scheduled')),
      this.statusCell(run, stage, latest !== null && latest.id !== run.id),
      h('td', { class: 'num' }, count(run.recordsUpserted), skippedNote(run.recordsSkipped)),
      h('td', { class: 'num' }, run.startedAt ? duration(run.startedAt, run.finishedAt) : '—'),
    );
  }

  private statusCell(run: SyncRun, stage: BulkStage | null, followedByWaitingRun: boolean): HTMLElement {
    if (isActive(run)) {
      const progress = !run.startedAt
        ? 'waiting for the previous run to finish'
        : stage ? `bulk export, step ${stage.step === 'export' ? 1 : 2} of 2`
        : run.pages === 0 ? 'starting…' : `${count(run.pages)} pages, ${count(run.recordsFetched)} records received`;
      return h('td', { class: 'run-status' },
        h('span', { class: 'badge badge-running' }, run.startedAt ? 'Running' : 'Waiting'),
        h('span', { class: 'muted block' }, progress),
        followedByWaitingRun ? h('span', { class: 'muted block' }, 'your new sync starts after it') : null,
        ...runNotes(run));
    }
    if (run.status === 'failed') {
      return h('td', { class: 'run-status' }, h('span', { class: 'badge badge-failed' }, 'Failed'),
        h('span', { class: 'error-text block', attrs: { title: run.error } }, failureText(run, this.shop)), ...runNotes(run));
    }
    return h('td', { class: 'run-status' }, h('span', { class: 'badge badge-ok' }, run.status === 'succeeded' ? 'Succeeded' : run.status), ...runNotes(run));
  }

  /** The progress row under a resource's row, while its bulk run is under way. */
  private showProgress(row: HTMLTableRowElement, resource: string, stage: BulkStage | null): void {
    let progressRow = this.progressRows.get(resource);
    row.classList.toggle('has-progress', !!stage);
    if (!stage) {
      progressRow?.remove();
      return;
    }
    if (!progressRow) {
      progressRow = h('tr', { class: 'sync-progress-row', data: { progressFor: resource } });
      this.progressRows.set(resource, progressRow);
    }
    if (row.nextElementSibling !== progressRow) row.after(progressRow);
    clear(progressRow, h('td', { attrs: { colspan: 5 } }, stageProgress(resource, stage)));
  }

  /**
   * Whether the figures should be loaded again for what runs wrote since they were: at most every FIGURES_REFRESH_MS
   * while runs write (a first sync can take hours), and when a run that wrote ends.
   */
  private figuresDue(runs: SyncRun[]): boolean {
    const followed = runs.filter((run) => isActive(run) || this.written.has(run.id));
    this.unshownWrites ||= followed.some((run) => run.recordsUpserted > (this.written.get(run.id) ?? 0));
    const ended = followed.some((run) => !isActive(run));
    this.written = new Map(runs.filter(isActive).map((run) => [run.id, run.recordsUpserted]));
    return this.unshownWrites && (ended || Date.now() - this.figuresLoadedAt >= FIGURES_REFRESH_MS);
  }

  /** Shows how far the runs "Sync now" started have got, and how they ended once they all have; true once they have. */
  private async checkPending(): Promise<boolean> {
    const { syncRuns } = await graphql<{ syncRuns: { nodes: SyncRun[] } }>(SYNC_RUNS, { first: 50 });
    const runs = this.pending.map((id) => syncRuns.nodes.find((run) => run.id === id)).filter((run): run is SyncRun => !!run);
    if (runs.length < this.pending.length || runs.some(isActive)) {
      const done = runs.filter((run) => !isActive(run)).length;
      this.status.textContent = `Syncing… ${done} of ${this.pending.length} done, ${count(runs.reduce((sum, run) => sum + run.recordsUpserted, 0))} records written so far.`;
      return false;
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
    return true;
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
