// Revenue and orders over time, drawn with Chart.js (only the parts a line chart needs).
import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { calendarDate, compactMoney, count, money, toNumber, type Amount } from './format';
import type { Interval } from './range';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);

export interface SalesPoint {
  date: string;
  orders: number;
  revenue: Amount;
}

const REVENUE_COLOR = '#0f766e';
const ORDERS_COLOR = '#7c3aed';

function label(date: string, interval: Interval): string {
  if (interval === 'MONTH') return calendarDate(date, { month: 'short', year: 'numeric' });
  return calendarDate(date, { month: 'short', day: 'numeric' });
}

export class SalesChart {
  private chart: Chart<'line', number[], string> | null = null;
  private points: SalesPoint[] = [];
  private interval: Interval = 'DAY';
  private currency: string | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  show(points: SalesPoint[], interval: Interval, currency: string | null): void {
    this.points = points;
    this.interval = interval;
    this.currency = currency;
    const labels = points.map((point) => label(point.date, interval));
    const revenue = points.map((point) => toNumber(point.revenue));
    const orders = points.map((point) => point.orders);
    const pointRadius = points.length > 60 ? 0 : 2;
    // What the browser tests (and curious people) can read without poking into the canvas.
    this.canvas.dataset.points = String(points.length);
    this.canvas.dataset.interval = interval;

    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets[0].data = revenue;
      this.chart.data.datasets[1].data = orders;
      for (const dataset of this.chart.data.datasets) dataset.pointRadius = pointRadius;
      this.chart.update();
      return;
    }

    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: 'Revenue',
            data: revenue,
            yAxisID: 'revenue',
            borderColor: REVENUE_COLOR,
            backgroundColor: 'rgba(15, 118, 110, 0.12)',
            fill: true,
            cubicInterpolationMode: 'monotone',
            pointRadius,
            pointHoverRadius: 5,
          },
          {
            label: 'Orders',
            data: orders,
            yAxisID: 'orders',
            borderColor: ORDERS_COLOR,
            backgroundColor: ORDERS_COLOR,
            cubicInterpolationMode: 'monotone',
            pointRadius,
            pointHoverRadius: 5,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 10 } },
          revenue: {
            type: 'linear',
            position: 'left',
            beginAtZero: true,
            ticks: { callback: (value) => compactMoney(Number(value), this.currency) },
          },
          orders: {
            type: 'linear',
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            ticks: { precision: 0 },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              title: (items) => this.tooltipTitle(items[0]?.dataIndex),
              label: (item) => {
                const point = this.points[item.dataIndex];
                return item.datasetIndex === 0
                  ? ` Revenue: ${money(point?.revenue, this.currency)}`
                  : ` Orders: ${count(point?.orders)}`;
              },
            },
          },
        },
      },
    });
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }

  private tooltipTitle(index: number | undefined): string {
    const point = index === undefined ? undefined : this.points[index];
    if (!point) return '';
    if (this.interval === 'WEEK') return `Week of ${calendarDate(point.date, { dateStyle: 'long' })}`;
    if (this.interval === 'MONTH') return calendarDate(point.date, { month: 'long', year: 'numeric' });
    return calendarDate(point.date, { dateStyle: 'full' });
  }
}
