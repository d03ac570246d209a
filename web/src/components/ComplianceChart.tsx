import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartGroup {
  label: string;
  rate: number;
  target: number | null;
}

/** Compliance rate by group against the profile's target (ECharts, loaded with this screen only). */
export default function ComplianceChart({
  groups,
  title,
}: {
  groups: ChartGroup[];
  title: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { data: ['达标率', '目标'] },
      grid: { left: 48, right: 16, bottom: 60, top: 40 },
      xAxis: { type: 'category', data: groups.map((g) => g.label), axisLabel: { rotate: 20 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: '达标率', type: 'bar', data: groups.map((g) => +(g.rate * 100).toFixed(1)) },
        {
          name: '目标',
          type: 'bar',
          data: groups.map((g) => (g.target === null ? null : +(g.target * 100).toFixed(1))),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [groups]);
  return (
    <div role="img" aria-label={title} data-testid="compliance-chart">
      <div ref={ref} style={{ width: '100%', height: 320 }} />
    </div>
  );
}
