import { BarChart, LineChart, MapChart, PieChart, type BarSeriesOption, type LineSeriesOption, type MapSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, registerMap, use, type ComposeOption, type ECElementEvent, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

// Only what the statistics pages draw, so the chunk stays small. SVG: crisp at any zoom and light on phones.
// No AriaComponent: it would overwrite the container's aria-label with a generated description.
use([MapChart, LineChart, BarChart, PieChart, TooltipComponent, VisualMapContinuousComponent, GridComponent, LegendPlainComponent, SVGRenderer]);

export type EChartsOption = ComposeOption<
  | MapSeriesOption
  | LineSeriesOption
  | BarSeriesOption
  | PieSeriesOption
  | TooltipComponentOption
  | VisualMapComponentOption
  | GridComponentOption
  | LegendComponentOption
>;

export type { ECElementEvent };
export { registerMap };

interface EChartProps {
  option: EChartsOption;
  /**
   * What the chart shows, in words (WCAG 1.1.1). A chart is an image to assistive technology:
   * the page must also give the figures as a table or list.
   */
  label: string;
  className?: string;
  style?: CSSProperties;
  onClick?: (event: ECElementEvent) => void;
  testId?: string;
}

/** One ECharts instance on a div: options replaced on change, resized with its box, disposed on unmount. */
export function EChart({ option, label, className, style, onClick, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (event) => click.current?.(event as ECElementEvent));
    // A chart laid out in a box of no size has a singular transform and ECharts throws (a map's geo
    // inverts it): wait until the box has a size again.
    const observer = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientHeight > 0) instance.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a drill-down swaps the map and its data; leftovers of the old option would linger.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} className={className} style={style} data-testid={testId} />;
}
