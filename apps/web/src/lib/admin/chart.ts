import { Chart, registerables, type ChartConfiguration } from 'chart.js';

Chart.register(...registerables);

/**
 * Svelte action wrapping Chart.js (framework-agnostic, so no Svelte-version coupling):
 * `<canvas use:chart={config}>`. A new config updates the chart in place, without a flash.
 */
export function chart(node: HTMLCanvasElement, config: ChartConfiguration) {
  const instance = new Chart(node, config);
  return {
    update(next: ChartConfiguration) {
      instance.data = next.data;
      if (next.options) instance.options = next.options;
      instance.update();
    },
    destroy() {
      instance.destroy();
    },
  };
}
