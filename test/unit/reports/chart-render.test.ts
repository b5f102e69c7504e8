import { ChartFontsMissing, findChartFonts, GlyphsMissing } from '../../../src/reports/chart-fonts';
import { renderChart } from '../../../src/reports/chart-render';

/**
 * Charts are drawn with the CJK fonts only and never with a box in place of a character. These
 * run with the fonts installed (fonts-noto-cjk; .ci/run installs it) and fail without them.
 */

const fonts = findChartFonts();

const bars = (title: string, labels: string[]) => ({
  altText: title,
  option: {
    title: { text: title },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: labels.map((_, i) => i + 1) }],
  },
});

/** Width and height from the PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('chart images', () => {
  it('draws a bar chart with Traditional Chinese labels as a PNG at twice its size', () => {
    const image = renderChart(bars('各部門審批時長', ['綜合辦公室', '財務處', '人事處', '資訊處']), fonts);
    expect(
      image.png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ).toBe(true);
    expect(pngSize(image.png)).toEqual({ width: 1600, height: 900 });
    expect(image.altText).toBe('各部門審批時長');
  });

  it('really draws the Chinese text (the image changes with it)', () => {
    const withTitle = renderChart(bars('預算', ['甲']), fonts).png;
    const otherTitle = renderChart(bars('報告', ['甲']), fonts).png;
    const noTitle = renderChart(bars('', ['甲']), fonts).png;
    expect(withTitle.equals(noTitle)).toBe(false);
    expect(withTitle.equals(otherTitle)).toBe(false);
  });

  it('refuses a chart with a character the fonts cannot draw, naming it, anywhere in the option', () => {
    const lacking = '\u{F0001}';
    expect(() => renderChart(bars(`SLA ${lacking}`, ['財務處']), fonts)).toThrow(GlyphsMissing);
    const inALabel = bars('SLA', ['財務處', `人事${lacking}`]);
    expect(() => renderChart(inALabel, fonts)).toThrow(`no glyph for ${JSON.stringify(lacking)}`);
  });

  it('says what to install when the fonts are not there', () => {
    expect(() => findChartFonts('/nonexistent/fonts')).toThrow(ChartFontsMissing);
    expect(() => findChartFonts('/nonexistent/fonts')).toThrow(
      /install fonts-noto-cjk, or set CHART_FONT_DIR/,
    );
  });
});
