import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CellValues } from './chart-options.js';
import { echarts } from './echarts-setup.js';
import { categoryExtraHeight } from './category-layout.js';
import { fitLegend, textWidth, type MeasureText } from './legend-layout.js';

/**
 * Legend names measured as the canvas will draw them (ECharts' default 12 px font), so the layout
 * knows how wide "90th percentile (business days)" really is in this browser's font; the estimate otherwise.
 */
function canvasMeasure(): MeasureText {
  const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return textWidth;
  // ECharts' own default font (globalDefault: Microsoft YaHei on Windows).
  context.font = `12px ${/^Win/.test(navigator.platform) ? "'Microsoft YaHei'" : 'sans-serif'}`;
  return (name) => Math.ceil(context.measureText(name).width);
}

/** The chart's height without legend rows beyond the first (as `.dashboard-chart` in dashboard.css). */
const CHART_HEIGHT = 280;

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
  // The legend is laid out for the box's width: it wraps into rows when they are few, and pages otherwise.
  const [width, setWidth] = useState(0);
  const measure = useMemo(canvasMeasure, []);
  const fitted = useMemo(() => fitLegend(option, width, measure), [option, width, measure]);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.on('click', (params) => {
      const datum = params.data as { cell?: CellValues } | null | undefined;
      if (datum?.cell) handler.current?.(datum.cell, String(params.name ?? ''));
    });
    const observer = new ResizeObserver(() => {
      setWidth(box.current?.clientWidth ?? 0);
      instance.resize();
    });
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
    chart.current?.setOption(fitted.option, { notMerge: true });
  }, [fitted, locale]);

  const rows = useMemo(() => categoryExtraHeight(option), [option]);
  return <div ref={box} className="dashboard-chart" style={{ height: CHART_HEIGHT + fitted.extraHeight + rows }} role="img" aria-label={label} data-testid="echart" data-legend-cut={fitted.cut} />;
}
