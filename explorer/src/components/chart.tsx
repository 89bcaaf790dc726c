import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartController, ChartOption } from '../chart/echarts-view';
import { Loading } from './ui';

/** A chart (ECharts, loaded on first use) with a text alternative for screen readers. */
export function Chart({ option, label, height = 280 }: { option: ChartOption; label: string; height?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<ChartController | null>(null);
  const [ready, setReady] = useState(false);
  const key = JSON.stringify(option);
  useEffect(() => {
    let cancelled = false;
    void import('../chart/echarts-view').then(({ mountChart }) => {
      if (cancelled || !container.current) return;
      if (controller.current) controller.current.update(option);
      else controller.current = mountChart(container.current, option);
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  useEffect(
    () => () => {
      controller.current?.destroy();
      controller.current = null;
    },
    [],
  );
  return (
    <div class="chart-wrap">
      {!ready && <Loading />}
      <div ref={container} class="chart" role="img" aria-label={label} style={{ height: `${height}px` }} data-ready={ready ? 'true' : 'false'} />
    </div>
  );
}
