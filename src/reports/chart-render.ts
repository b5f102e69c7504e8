import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartFonts } from './chart-fonts';

/**
 * Charts as PNG images for Slack: Apache ECharts renders the option to SVG on the server (no
 * browser, no canvas), resvg turns the SVG into PNG with the chart fonts only. Every text the
 * chart shows is checked against the fonts first, so a chart never carries a box in place of a
 * character: it fails with the characters named instead.
 */

export interface ChartImage {
  png: Buffer;
  /** Alternative text: what the chart shows, in a sentence (Slack's image alt_text). */
  altText: string;
  width: number;
  height: number;
}

export interface ChartSpec {
  option: echarts.EChartsCoreOption;
  altText: string;
  width?: number;
  height?: number;
}

/** Every string in the option (titles, axis labels, series names, data labels). */
function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) textsOf(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) textsOf(item, out);
  return out;
}

export function renderChart(spec: ChartSpec, fonts: ChartFonts): ChartImage {
  const width = spec.width ?? 800;
  const height = spec.height ?? 450;
  fonts.assertCovers(textsOf(spec.option).join(''));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: fonts.family },
      ...spec.option,
    });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      font: { fontFiles: fonts.files, loadSystemFonts: false, defaultFontFamily: fonts.family },
      fitTo: { mode: 'width', value: width * 2 },
    })
      .render()
      .asPng();
    return { png, altText: spec.altText, width, height };
  } finally {
    chart.dispose();
  }
}
