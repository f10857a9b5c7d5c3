// Only what the dashboard draws is registered (echarts/core + these), so the bundle carries bar, line and
// pie charts and their axis, tooltip and legend, not the whole library. Canvas renderer: getDataURL gives
// the PNG export. Aria writes each chart's series and data into its aria-label (in the chart's locale) for
// screen readers, since a canvas has no text of its own. ECharts ships its en and zh locales in core ('EN' / 'ZH').
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export { echarts };
