// The signed-in page: KPIs, the sales chart and top customers for a date range, the sync panel and the browse tables.
import { graphql } from './api';
import { BrowsePanel } from './browse';
import { SalesChart, type SalesPoint } from './chart';
import { clear, errorNote, h, messageOf } from './dom';
import { addDays, calendarDate, count, daysInclusive, isDate, money, todayIn, toNumber } from './format';
import { incompleteRangeText, ShopNotices } from './notices';
import { ME, SALES_BY_DATE, STATS, TOP_CUSTOMERS } from './queries';
import { intervalFor, PRESETS, presetRange, type DateRange, type Interval, type Preset } from './range';
import { SyncPanel } from './sync';
import type { Me, ShopState, Stats, TopCustomer } from './types';

export interface DashboardHandle {
  destroy(): void;
}

export async function renderDashboard(root: HTMLElement, onSignOut: () => void): Promise<DashboardHandle> {
  clear(root, h('p', { class: 'loading-page' }, 'Loading your shop…'));
  const { me } = await graphql<{ me: Me }>(ME);
  const shop = me.shop;
  document.title = `${shop.name} · ShopIngest`;

  let range: DateRange = presetRange('30', shop.timezone);
  // The latest state of the shop's sync (token, pause, permissions), refreshed with the sync panel.
  let shopState: ShopState = shop;
  let currency = shop.currency;
  let loadVersion = 0;

  // Header
  const signOut = h('button', { class: 'button', attrs: { type: 'button', id: 'sign-out' } }, 'Sign out');
  signOut.addEventListener('click', onSignOut);
  const header = h(
    'header',
    { class: 'topbar' },
    h('div', { class: 'brand' }, h('img', { attrs: { src: '/favicon.svg', alt: '', width: 28, height: 28 } }), 'ShopIngest'),
    h('div', { class: 'shop' }, h('strong', { attrs: { id: 'shop-name' } }, shop.name), h('span', { class: 'muted' }, shop.domain)),
    h('div', { class: 'user' }, h('span', { class: 'muted user-email' }, me.email), signOut),
  );

  // Range picker
  const presetButtons = PRESETS.map((preset) =>
    h('button', { class: 'segment', attrs: { type: 'button', 'aria-pressed': 'false' }, data: { preset: preset.value } }, preset.label),
  );
  const today = todayIn(shop.timezone);
  const fromInput = h('input', { attrs: { type: 'date', id: 'range-from', max: today, 'aria-label': 'From' } });
  const toInput = h('input', { attrs: { type: 'date', id: 'range-to', max: today, 'aria-label': 'To' } });
  const applyCustom = h('button', { class: 'button', attrs: { type: 'submit' } }, 'Apply');
  const rangeError = h('p', { class: 'note note-error', attrs: { role: 'alert', hidden: true } });
  const customForm = h('form', { class: 'custom-range' }, fromInput, h('span', { class: 'muted' }, 'to'), toInput, applyCustom);
  const rangeLabel = h('p', { class: 'range-label muted', attrs: { id: 'range-label' } });
  const historyNote = h('p', { class: 'note note-info range-history', attrs: { id: 'range-history-note', hidden: true } });
  const rangeBar = h(
    'section',
    { class: 'range-bar', attrs: { 'aria-label': 'Date range' } },
    h('div', { class: 'segments', attrs: { role: 'group', 'aria-label': 'Presets' } }, ...presetButtons),
    customForm,
    rangeLabel,
    historyNote,
    rangeError,
  );

  // KPI cards
  const kpi = (key: string, title: string) => {
    const value = h('p', { class: 'kpi-value', data: { kpi: key } }, '—');
    const detail = h('p', { class: 'kpi-detail muted' });
    return { card: h('article', { class: 'card kpi' }, h('h2', {}, title), value, detail), value, detail };
  };
  const revenue = kpi('totalRevenue', 'Revenue');
  const orders = kpi('totalOrders', 'Orders');
  const customers = kpi('totalCustomers', 'Customers');
  const aov = kpi('averageOrderValue', 'Average order value');
  const kpiError = h('div');
  const kpis = h('section', { class: 'kpis', attrs: { 'aria-label': 'Key figures' } }, revenue.card, orders.card, customers.card, aov.card);

  // Chart
  const canvas = h('canvas', { attrs: { id: 'sales-chart', role: 'img', 'aria-label': 'Revenue and orders over time' } });
  const chart = new SalesChart(canvas);
  const chartTitle = h('h2', {}, 'Revenue and orders');
  const chartStatus = h('div');
  const chartTable = h('tbody');
  const chartCard = h(
    'section',
    { class: 'card chart-card' },
    chartTitle,
    chartStatus,
    h('div', { class: 'chart-box' }, canvas),
    h(
      'details',
      { class: 'chart-data' },
      h('summary', {}, 'Show as a table'),
      h('div', { class: 'table-scroll' },
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Date'), h('th', { class: 'num' }, 'Orders'), h('th', { class: 'num' }, 'Revenue'))), chartTable)),
    ),
  );

  // Top customers
  const topBody = h('tbody', { attrs: { id: 'top-customers' } });
  const topStatus = h('div');
  const topCard = h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Top customers'),
    h('p', { class: 'muted card-sub' }, 'By lifetime value'),
    topStatus,
    h('div', { class: 'table-scroll' },
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Customer'), h('th', { class: 'num' }, 'Orders'), h('th', { class: 'num' }, 'Spent'))), topBody)),
  );

  const notices = new ShopNotices((state) => {
    showShopState(state);
    sync.refreshNow();
  });
  const sync = new SyncPanel(() => void loadFigures(), showShopState);
  const browse = new BrowsePanel(() => ({ range, currency }));

  clear(
    root,
    header,
    h('main', { class: 'dashboard' },
      notices.element, rangeBar, kpiError, kpis, chartCard, h('div', { class: 'two-columns' }, topCard, sync.element), browse.element),
  );

  function showShopState(state: ShopState): void {
    shopState = state;
    notices.show(state);
    showHistoryNote();
  }

  /** Says when the range reaches back past the orders Shopify lets ShopIngest see. */
  function showHistoryNote(): void {
    const text = incompleteRangeText(shopState, range.from, todayIn(shop.timezone));
    historyNote.textContent = text ?? '';
    historyNote.hidden = text === null;
  }

  function showRange(): void {
    for (const button of presetButtons) button.setAttribute('aria-pressed', String(button.dataset.preset === range.preset));
    fromInput.value = range.from ?? '';
    toInput.value = range.to ?? '';
    rangeLabel.textContent = range.from && range.to
      ? `${calendarDate(range.from)} – ${calendarDate(range.to)} (${count(daysInclusive(range.from, range.to))} days)`
      : 'All time';
    showHistoryNote();
  }

  function setRange(next: DateRange): void {
    range = next;
    rangeError.hidden = true;
    showRange();
    void loadFigures();
    browse.rangeChanged();
  }

  for (const button of presetButtons) {
    button.addEventListener('click', () => setRange(presetRange(button.dataset.preset as Exclude<Preset, 'custom'>, shop.timezone)));
  }
  customForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = fromInput.value;
    const to = toInput.value;
    if (!isDate(from) || !isDate(to)) {
      rangeError.textContent = 'Choose both a start and an end date.';
      rangeError.hidden = false;
    } else if (from > to) {
      rangeError.textContent = 'The start date must not be after the end date.';
      rangeError.hidden = false;
    } else {
      setRange({ preset: 'custom', from, to });
    }
  });

  async function loadFigures(): Promise<void> {
    const version = ++loadVersion;
    const current = range;
    root.querySelector('main')?.setAttribute('aria-busy', 'true');
    await Promise.all([loadStats(current, version), loadChart(current, version), loadTopCustomers(version)]);
    if (version === loadVersion) root.querySelector('main')?.setAttribute('aria-busy', 'false');
  }

  async function loadStats(current: DateRange, version: number): Promise<void> {
    try {
      const { stats } = await graphql<{ stats: Stats }>(STATS, { from: current.from, to: current.to });
      if (version !== loadVersion) return;
      currency = stats.currency ?? currency;
      clear(kpiError);
      setKpi(revenue, stats.totalRevenue, money(stats.totalRevenue, currency),
        toNumber(stats.grossRevenue) !== toNumber(stats.totalRevenue) ? `${money(stats.grossRevenue, currency)} before refunds and edits` : '');
      setKpi(orders, stats.totalOrders, count(stats.totalOrders), 'Not cancelled, not test orders');
      setKpi(customers, stats.totalCustomers, count(stats.totalCustomers), 'All customers of the shop');
      setKpi(aov, stats.averageOrderValue, money(stats.averageOrderValue, currency), 'Revenue per order');
    } catch (error) {
      if (version === loadVersion) clear(kpiError, errorNote(`The key figures could not be loaded: ${messageOf(error)}`));
    }
  }

  async function loadChart(current: DateRange, version: number): Promise<void> {
    try {
      let from = current.from;
      const to = current.to ?? todayIn(shop.timezone);
      let interval: Interval;
      let points: SalesPoint[];
      if (from) {
        interval = intervalFor(from, to);
        points = await salesByDate(from, to, interval);
      } else {
        // All time: find the first month with sales, then chart from there at a fitting interval.
        const months = await salesByDate(addDays(to, -3650), to, 'MONTH');
        const first = months.find((point) => point.orders > 0 || toNumber(point.revenue) !== 0);
        from = first ? first.date : addDays(to, -29);
        interval = intervalFor(from, to);
        points = interval === 'MONTH' ? months.slice(months.indexOf(first!)) : await salesByDate(from, to, interval);
      }
      if (version !== loadVersion) return;
      clear(chartStatus);
      chartTitle.textContent = `Revenue and orders by ${interval === 'DAY' ? 'day' : interval === 'WEEK' ? 'week' : 'month'}`;
      chart.show(points, interval, currency);
      clear(chartTable, ...points.map((point) =>
        h('tr', {}, h('td', {}, calendarDate(point.date)), h('td', { class: 'num' }, count(point.orders)), h('td', { class: 'num' }, money(point.revenue, currency)))));
    } catch (error) {
      if (version === loadVersion) clear(chartStatus, errorNote(`The chart could not be loaded: ${messageOf(error)}`));
    }
  }

  async function salesByDate(from: string, to: string, interval: Interval): Promise<SalesPoint[]> {
    const result = await graphql<{ salesByDate: SalesPoint[] }>(SALES_BY_DATE, { from, to, interval });
    return result.salesByDate;
  }

  async function loadTopCustomers(version: number): Promise<void> {
    try {
      const { topCustomers } = await graphql<{ topCustomers: TopCustomer[] }>(TOP_CUSTOMERS, { first: 5 });
      if (version !== loadVersion) return;
      clear(topStatus, topCustomers.length === 0 ? h('p', { class: 'muted' }, 'No customers yet: they appear after the first sync.') : null);
      clear(topBody, ...topCustomers.map((customer) =>
        h('tr', { data: { shopifyId: customer.shopifyId } },
          h('td', {}, h('span', { class: 'customer-name' }, customer.name || customer.email || 'Unnamed customer'),
            customer.email && customer.name ? h('span', { class: 'muted block' }, customer.email) : null),
          h('td', { class: 'num' }, count(customer.numberOfOrders)),
          h('td', { class: 'num', data: { value: String(customer.amountSpent) } }, money(customer.amountSpent, currency)))));
    } catch (error) {
      if (version === loadVersion) clear(topStatus, errorNote(`Top customers could not be loaded: ${messageOf(error)}`));
    }
  }

  showShopState(shop);
  showRange();
  void loadFigures();
  sync.start();
  browse.start();

  return {
    destroy() {
      loadVersion++;
      sync.stop();
      browse.stop();
      chart.destroy();
    },
  };
}

function setKpi(kpi: { value: HTMLElement; detail: HTMLElement }, raw: unknown, text: string, detail: string): void {
  kpi.value.textContent = text;
  kpi.value.dataset.value = String(raw);
  kpi.detail.textContent = detail;
}
