/** Charts, loaded only by the views that draw them: Apache ECharts (tree-shaken: bar charts, SVG renderer). */
import { init, use, type ComposeOption } from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, AriaComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption, type MarkLineComponentOption, type AriaComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | MarkLineComponentOption | AriaComponentOption>;

export interface ChartController {
  update(option: ChartOption): void;
  destroy(): void;
}

export function mountChart(container: HTMLElement, option: ChartOption): ChartController {
  const chart = init(container, undefined, { renderer: 'svg' });
  chart.setOption({ aria: { enabled: true }, animation: false, ...option });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(container);
  return {
    update: (next) => chart.setOption({ aria: { enabled: true }, animation: false, ...next }, true),
    destroy: () => {
      observer.disconnect();
      chart.dispose();
    },
  };
}
