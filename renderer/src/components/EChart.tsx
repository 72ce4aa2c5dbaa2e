import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * One chart. ECharts loads on first use (its own chunk); the chart is drawn as SVG, follows its
 * box's size, and is described for screen readers by `label`.
 */
export function EChart({ option, height = 280, label, testId }: { option: EChartsCoreOption; height?: number; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('../lib/echarts').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'svg' });
      c.setOption(latest.current);
      chart.current = c;
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el.current);
      el.current.dataset.drawn = 'true';
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
