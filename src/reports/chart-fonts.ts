import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/**
 * The fonts charts are drawn with. Charts carry Traditional Chinese labels, and a renderer that
 * lacks a glyph draws an empty box (tofu) in its place; so charts use only the fonts found here
 * (never whatever the system has), and every character is checked against them before a chart is
 * drawn. Noto Sans CJK comes from Debian's fonts-noto-cjk (installed by .ci/run and the
 * Dockerfile); CHART_FONT_DIR points elsewhere.
 */

export const CHART_FONT_FAMILY = 'Noto Sans CJK TC';

const SEARCH_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
];
const FONT_FILE = /^NotoSansCJK-(Regular|Bold)\.ttc$/;

export class ChartFontsMissing extends Error {
  constructor(looked: string[]) {
    super(
      `no Noto Sans CJK font for charts (looked in ${looked.join(', ')}): install fonts-noto-cjk, or set CHART_FONT_DIR to a folder holding NotoSansCJK-Regular.ttc`,
    );
    this.name = 'ChartFontsMissing';
  }
}

export class GlyphsMissing extends Error {
  constructor(readonly characters: string[]) {
    super(`the chart fonts have no glyph for ${characters.map((c) => JSON.stringify(c)).join(', ')}`);
    this.name = 'GlyphsMissing';
  }
}

export interface ChartFonts {
  files: string[];
  family: string;
  /** Throws GlyphsMissing naming every character of `text` the fonts cannot draw. */
  assertCovers(text: string): void;
}

export function findChartFonts(dir = process.env.CHART_FONT_DIR): ChartFonts {
  const dirs = dir ? [dir] : SEARCH_DIRS;
  for (const candidate of dirs) {
    if (!existsSync(candidate)) continue;
    const files = readdirSync(candidate)
      .filter((name) => FONT_FILE.test(name))
      .map((name) => join(candidate, name));
    if (files.length) return chartFonts(files);
  }
  throw new ChartFontsMissing(dirs);
}

/**
 * A character is covered when the fonts draw it differently from a character no font has (which
 * shows the "missing glyph" box, or nothing). Checked once per character, with resvg itself, so
 * the check and the drawing agree.
 */
function chartFonts(files: string[]): ChartFonts {
  const draw = (char: string) =>
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><text x="2" y="26" font-size="24" font-family="${CHART_FONT_FAMILY}">${escapeXml(char)}</text></svg>`,
      { font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY } },
    )
      .render()
      .asPng();
  // U+10FFFD is a private-use code point no font maps.
  const missing = draw('\u{10FFFD}');
  const covered = new Map<string, boolean>();
  return {
    files,
    family: CHART_FONT_FAMILY,
    assertCovers(text) {
      const lacking: string[] = [];
      for (const char of new Set(text.replace(/\s/g, ''))) {
        let known = covered.get(char);
        if (known === undefined) {
          known = !draw(char).equals(missing);
          covered.set(char, known);
        }
        if (!known) lacking.push(char);
      }
      if (lacking.length) throw new GlyphsMissing(lacking);
    },
  };
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
