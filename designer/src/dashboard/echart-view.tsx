import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import type { CellValues } from './chart-options.js';
import { echarts } from './echarts-setup.js';

/**
 * One ECharts instance in a div: created once, options replaced on change, resized with its box, disposed
 * on unmount. `onCell` receives the dimension values of a clicked datum; `onReady` the instance (for PNG).
 */
export function EChartView({ option, locale, onCell, onReady, label }: {
  option: EChartsCoreOption;
  locale: 'en' | 'zh-CN';
  onCell?: (cell: CellValues, name: string) => void;
  onReady?: (chart: EChartsType | null) => void;
  label: string;
}) {
  const box = useRef<HTMLDivElement | null>(null);
  const chart = useRef<EChartsType | null>(null);
  const handler = useRef(onCell);
  handler.current = onCell;

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.on('click', (params) => {
      const datum = params.data as { cell?: CellValues } | null | undefined;
      if (datum?.cell) handler.current?.(datum.cell, String(params.name ?? ''));
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    onReady?.(instance);
    return () => {
      observer.disconnect();
      onReady?.(null);
      instance.dispose();
      chart.current = null;
    };
    // The locale is fixed per instance: a language switch makes a new one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  return <div ref={box} className="dashboard-chart" role="img" aria-label={label} data-testid="echart" />;
}
