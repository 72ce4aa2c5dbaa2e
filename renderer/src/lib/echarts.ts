/**
 * ECharts with only what the 效果 screen draws (bars, grid, tooltip, legend) and the SVG renderer
 * (crisp at any zoom, readable by tests and screen readers). Imported dynamically by EChart, so it
 * is a chunk of its own and the first screen's bundle does not carry it.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
