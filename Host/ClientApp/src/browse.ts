// Browse tables for orders, customers and products: search, filters from the schema's enums, sort, paging.
import { graphql, SessionExpiredError } from './api';
import { clear, errorNote, h, messageOf } from './dom';
import { calendarDate, count, dateTime, money, toNumber, type Amount } from './format';
import { BROWSE_ARGUMENTS, connectionQuery, CUSTOMER_NODE, ORDER_NODE, PRODUCT_NODE } from './queries';
import type { DateRange } from './range';

const PAGE_SIZE = 25;

interface TypeRef {
  kind: string;
  name: string | null;
  enumValues: { name: string; description: string | null }[] | null;
  ofType: TypeRef | null;
}

interface Argument {
  /** The GraphQL type as written in a variable declaration, e.g. "OrderSort" or "Int!". */
  type: string;
  /** The enum's values, when the argument is an enum. */
  values: { name: string; description: string | null }[] | null;
  /** The server's default, as GraphQL literal text (e.g. PROCESSED_AT). */
  defaultValue: string | null;
}

type Arguments = Map<string, Map<string, Argument>>;

function typeString(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${typeString(type.ofType!)}!`;
  if (type.kind === 'LIST') return `[${typeString(type.ofType!)}]`;
  return type.name ?? 'String';
}

function namedType(type: TypeRef): TypeRef {
  return type.ofType ? namedType(type.ofType) : type;
}

/** PARTIALLY_REFUNDED → Partially refunded */
function humanize(name: string): string {
  const words = name.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const FALLBACK_VALUES: Record<string, string[]> = {
  financialStatus: ['PAID', 'PENDING', 'AUTHORIZED', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED', 'EXPIRED'],
  status: ['ACTIVE', 'DRAFT', 'ARCHIVED', 'UNLISTED'],
};

interface Column<T> {
  title: string;
  numeric?: boolean;
  cell: (node: T) => Node | string;
}

interface Resource<T> {
  field: 'orders' | 'customers' | 'products';
  title: string;
  node: string;
  searchHint: string;
  /** Filters by argument name, shown as selects. */
  filters: { argument: string; label: string }[];
  usesDateRange: boolean;
  /** Descending by default (newest orders first). */
  newestFirst: boolean;
  columns: Column<T>[];
}

interface OrderNode {
  id: string; shopifyId: string; name: string; email: string | null; processedAt: string | null;
  displayFinancialStatus: string | null; displayFulfillmentStatus: string | null;
  currentTotalPrice: Amount; currencyCode: string | null; customer: { name: string | null; email: string | null } | null;
}
interface CustomerNode {
  id: string; shopifyId: string; name: string | null; email: string | null; amountSpent: Amount; numberOfOrders: number;
  city: string | null; country: string | null;
}
interface ProductNode {
  id: string; shopifyId: string; title: string; status: string; vendor: string | null; productType: string | null; updatedAt: string;
  variants: { sku: string | null; price: Amount; inventoryQuantity: number | null }[];
}

function badge(text: string | null | undefined): Node | string {
  return text ? h('span', { class: `badge badge-${text.toLowerCase().replace(/[^a-z]+/g, '-')}` }, humanize(text)) : '—';
}

function two(first: string | null | undefined, second: string | null | undefined): Node {
  return h('span', {}, first || second || '—', first && second ? h('span', { class: 'muted block' }, second) : null);
}

function resources(currency: () => string | null): [Resource<OrderNode>, Resource<CustomerNode>, Resource<ProductNode>] {
  return [
    {
      field: 'orders', title: 'Orders', node: ORDER_NODE, searchHint: 'Order number, email or customer',
      filters: [{ argument: 'financialStatus', label: 'Payment' }], usesDateRange: true, newestFirst: true,
      columns: [
        { title: 'Order', cell: (o) => h('strong', {}, o.name) },
        { title: 'Date', cell: (o) => dateTime(o.processedAt) },
        { title: 'Customer', cell: (o) => two(o.customer?.name, o.customer?.email ?? o.email) },
        { title: 'Payment', cell: (o) => badge(o.displayFinancialStatus) },
        { title: 'Fulfillment', cell: (o) => badge(o.displayFulfillmentStatus) },
        { title: 'Total', numeric: true, cell: (o) => money(o.currentTotalPrice, o.currencyCode ?? currency()) },
      ],
    },
    {
      field: 'customers', title: 'Customers', node: CUSTOMER_NODE, searchHint: 'Name or email',
      filters: [], usesDateRange: false, newestFirst: false,
      columns: [
        { title: 'Customer', cell: (c) => two(c.name, c.email) },
        { title: 'Location', cell: (c) => [c.city, c.country].filter(Boolean).join(', ') || '—' },
        { title: 'Orders', numeric: true, cell: (c) => count(c.numberOfOrders) },
        { title: 'Spent', numeric: true, cell: (c) => money(c.amountSpent, currency()) },
      ],
    },
    {
      field: 'products', title: 'Products', node: PRODUCT_NODE, searchHint: 'Title, vendor, type or SKU',
      filters: [{ argument: 'status', label: 'Status' }], usesDateRange: false, newestFirst: false,
      columns: [
        { title: 'Product', cell: (p) => two(p.title, [p.vendor, p.productType].filter(Boolean).join(' · ')) },
        { title: 'Status', cell: (p) => badge(p.status) },
        { title: 'Variants', numeric: true, cell: (p) => count(p.variants.length) },
        { title: 'Price', numeric: true, cell: (p) => priceRange(p.variants.map((v) => v.price), currency()) },
        { title: 'Inventory', numeric: true, cell: (p) => count(p.variants.reduce((sum, v) => sum + (v.inventoryQuantity ?? 0), 0)) },
        { title: 'Updated', cell: (p) => calendarDate(p.updatedAt.slice(0, 10)) },
      ],
    },
  ];
}

function priceRange(prices: Amount[], currency: string | null): string {
  if (prices.length === 0) return '—';
  const sorted = [...prices].sort((a, b) => toNumber(a) - toNumber(b));
  const low = money(sorted[0], currency);
  const high = money(sorted[sorted.length - 1], currency);
  return low === high ? low : `${low} – ${high}`;
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

export class BrowsePanel {
  readonly element: HTMLElement;
  private readonly resources: Resource<never>[];
  private readonly tabs: HTMLButtonElement[];
  private readonly controls = h('form', { class: 'browse-controls', attrs: { role: 'search' } });
  private readonly results = h('div', { class: 'browse-results' });
  private readonly pager = h('nav', { class: 'pager', attrs: { 'aria-label': 'Pages' } });
  private arguments: Promise<Arguments> | null = null;
  private current = 0;
  private search = '';
  private filters = new Map<string, string>();
  private sort = '';
  private reverse = false;
  private onlyRange = false;
  /** Cursors of the pages before the current one ("" for the first page). */
  private cursors: string[] = [];
  private after: string | null = null;
  private version = 0;
  private stopped = false;

  constructor(private readonly context: () => { range: DateRange; currency: string | null }) {
    this.resources = resources(() => this.context().currency) as unknown as Resource<never>[];
    this.tabs = this.resources.map((resource, index) => {
      const tab = h('button', { class: 'tab', attrs: { type: 'button', role: 'tab', id: `tab-${resource.field}`, 'aria-selected': String(index === 0) } }, resource.title);
      tab.addEventListener('click', () => this.select(index));
      return tab;
    });
    this.element = h(
      'section',
      { class: 'card browse', attrs: { id: 'browse', 'aria-labelledby': 'browse-title' } },
      h('h2', { attrs: { id: 'browse-title' } }, 'Browse'),
      h('div', { class: 'tabs', attrs: { role: 'tablist' } }, ...this.tabs),
      this.controls,
      this.results,
      this.pager,
    );
  }

  start(): void {
    this.stopped = false;
    void this.select(0);
  }

  stop(): void {
    this.stopped = true;
    this.version++;
  }

  /** The dashboard's range changed: only the orders table (when it follows the range) cares. */
  rangeChanged(): void {
    if (this.resources[this.current].usesDateRange && this.onlyRange) this.reload();
  }

  private argumentsOf(field: string): Promise<Map<string, Argument>> {
    this.arguments ??= graphql<{ __type: { fields: { name: string; args: { name: string; defaultValue: string | null; type: TypeRef }[] }[] } }>(BROWSE_ARGUMENTS)
      .then((data) => new Map(data.__type.fields.map((f) => [f.name, new Map(f.args.map((a) => [a.name, {
        type: typeString(a.type),
        values: namedType(a.type).enumValues,
        defaultValue: a.defaultValue,
      }]))])))
      .catch((error: unknown) => {
        this.arguments = null;
        throw error;
      });
    return this.arguments.then((all) => all.get(field) ?? new Map());
  }

  private async select(index: number): Promise<void> {
    this.current = index;
    this.tabs.forEach((tab, i) => tab.setAttribute('aria-selected', String(i === index)));
    this.search = '';
    this.filters.clear();
    this.sort = '';
    const resource = this.resources[index];
    this.reverse = resource.newestFirst;
    clear(this.controls);
    try {
      const args = await this.argumentsOf(resource.field);
      if (index !== this.current || this.stopped) return;
      if (args.size === 0) {
        clear(this.results, h('p', { class: 'muted' }, `${resource.title} cannot be browsed yet: the server does not offer them.`));
        clear(this.pager);
        return;
      }
      this.buildControls(resource, args);
    } catch (error) {
      if (!(error instanceof SessionExpiredError)) clear(this.results, errorNote(`The ${resource.field} could not be loaded: ${messageOf(error)}`));
      return;
    }
    this.reload();
  }

  private buildControls(resource: Resource<never>, args: Map<string, Argument>): void {
    const parts: HTMLElement[] = [];
    if (args.has('search')) {
      const input = h('input', { attrs: { type: 'search', id: 'browse-search', placeholder: resource.searchHint, 'aria-label': `Search ${resource.field}` } });
      let debounce: number | undefined;
      input.addEventListener('input', () => {
        window.clearTimeout(debounce);
        debounce = window.setTimeout(() => {
          this.search = input.value.trim();
          this.reload();
        }, 300);
      });
      parts.push(input);
    }
    for (const filter of resource.filters) {
      const arg = args.get(filter.argument);
      if (!arg) continue;
      const values = arg.values?.map((v) => v.name) ?? FALLBACK_VALUES[filter.argument] ?? [];
      const select = h('select', { attrs: { 'aria-label': filter.label, id: `browse-${filter.argument}` } },
        h('option', { attrs: { value: '' } }, `${filter.label}: all`),
        ...values.map((value) => h('option', { attrs: { value } }, humanize(value))));
      select.addEventListener('change', () => {
        if (select.value) this.filters.set(filter.argument, select.value);
        else this.filters.delete(filter.argument);
        this.reload();
      });
      parts.push(select);
    }
    const sort = args.get('sort');
    if (sort?.values?.length) {
      this.sort = sort.defaultValue ?? sort.values[0].name;
      const select = h('select', { attrs: { 'aria-label': 'Sort by', id: 'browse-sort' } },
        ...sort.values.map((v) => h('option', { attrs: { value: v.name, selected: v.name === this.sort } },
          `Sort: ${v.description && v.description.length <= 40 ? v.description.replace(/\.$/, '') : humanize(v.name)}`)));
      select.addEventListener('change', () => {
        this.sort = select.value;
        this.reload();
      });
      parts.push(select);
    }
    if (args.has('reverse')) {
      const direction = h('select', { attrs: { 'aria-label': 'Order', id: 'browse-direction' } },
        h('option', { attrs: { value: 'false', selected: !this.reverse } }, 'Ascending'),
        h('option', { attrs: { value: 'true', selected: this.reverse } }, 'Descending'));
      direction.addEventListener('change', () => {
        this.reverse = direction.value === 'true';
        this.reload();
      });
      parts.push(direction);
    }
    if (resource.usesDateRange && args.has('from') && args.has('to')) {
      const box = h('input', { attrs: { type: 'checkbox', id: 'browse-range' } });
      box.checked = this.onlyRange;
      box.addEventListener('change', () => {
        this.onlyRange = box.checked;
        this.reload();
      });
      parts.push(h('label', { class: 'check', attrs: { for: 'browse-range' } }, box, 'Only in the chosen date range'));
    }
    this.controls.addEventListener('submit', (event) => event.preventDefault());
    clear(this.controls, ...parts);
  }

  private reload(): void {
    this.cursors = [];
    this.after = null;
    void this.load();
  }

  private async load(): Promise<void> {
    const version = ++this.version;
    const resource = this.resources[this.current];
    this.results.setAttribute('aria-busy', 'true');
    try {
      const args = await this.argumentsOf(resource.field);
      const variables: Record<string, unknown> = { first: PAGE_SIZE };
      if (this.after) variables.after = this.after;
      if (this.search && args.has('search')) variables.search = this.search;
      for (const [name, value] of this.filters) if (args.has(name)) variables[name] = value;
      if (this.sort && args.has('sort')) variables.sort = this.sort;
      if (args.has('reverse')) variables.reverse = this.reverse;
      const { range } = this.context();
      if (resource.usesDateRange && this.onlyRange && range.from && range.to) {
        variables.from = range.from;
        variables.to = range.to;
      }
      const types: Record<string, string> = {};
      for (const name of Object.keys(variables)) types[name] = args.get(name)?.type ?? 'String';
      const data = await graphql<Record<string, Page<never>>>(connectionQuery(resource.field, types, resource.node), variables);
      if (version !== this.version) return;
      this.render(resource, data[resource.field]);
    } catch (error) {
      if (version !== this.version || error instanceof SessionExpiredError) return;
      clear(this.results, errorNote(`The ${resource.field} could not be loaded: ${messageOf(error)}`));
      clear(this.pager);
    } finally {
      if (version === this.version) this.results.setAttribute('aria-busy', 'false');
    }
  }

  private render(resource: Resource<never>, page: Page<never>): void {
    if (page.edges.length === 0) {
      clear(this.results, h('p', { class: 'muted empty' }, this.search || this.filters.size || this.onlyRange
        ? `No ${resource.field} match.`
        : `No ${resource.field} yet: they appear after the first sync.`));
    } else {
      clear(this.results, h('div', { class: 'table-scroll' }, h('table', { class: 'browse-table', data: { resource: resource.field } },
        h('thead', {}, h('tr', {}, ...resource.columns.map((c) => h('th', { class: c.numeric ? 'num' : undefined }, c.title)))),
        h('tbody', {}, ...page.edges.map((edge) => h('tr', { data: { shopifyId: (edge.node as { shopifyId: string }).shopifyId } },
          ...resource.columns.map((c) => h('td', { class: c.numeric ? 'num' : undefined }, c.cell(edge.node)))))))));
    }
    const start = this.cursors.length * PAGE_SIZE;
    const previous = h('button', { class: 'button', attrs: { type: 'button', disabled: this.cursors.length === 0 } }, 'Previous');
    const next = h('button', { class: 'button', attrs: { type: 'button', disabled: !page.pageInfo.hasNextPage } }, 'Next');
    previous.addEventListener('click', () => {
      this.after = this.cursors.pop() || null;
      void this.load();
    });
    next.addEventListener('click', () => {
      this.cursors.push(this.after ?? '');
      this.after = page.pageInfo.endCursor;
      void this.load();
    });
    clear(this.pager,
      h('span', { class: 'muted', attrs: { id: 'browse-count' } }, page.edges.length === 0
        ? `0 of ${count(page.totalCount)}`
        : `${count(start + 1)}–${count(start + page.edges.length)} of ${count(page.totalCount)}`),
      previous, next);
  }
}
