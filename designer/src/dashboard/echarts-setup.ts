// Only what the dashboard draws is registered (echarts/core + these), so the bundle carries bar, line and
// pie charts and their axis, tooltip and legend, not the whole library. Canvas renderer: getDataURL gives
// the PNG export. ECharts ships its en and zh locales in core ('EN' / 'ZH').
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
