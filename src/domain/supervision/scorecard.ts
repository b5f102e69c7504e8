import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { SupervisionFigures } from './model';

/**
 * Scorecards (requirements §八): each department's score (0–100) for a period, as the weighted
 * mean of indicator ratios (each 0–1, 1 is best), with the contribution of each indicator, a rank
 * and a band ("excellent", "needs improvement"). The weights and thresholds are the admins' YAML
 * file (SCORECARD_FILE); the defaults below apply when there is none. docs/indicators.md
 * ("Scorecards") is the formula in words. Pure: figures in, scores out.
 */

export const SCORECARD_INDICATORS = [
  'slaCompliance',
  'notOverdue',
  'publishedOnTime',
  'acknowledgedInTime',
  'fileMetadata',
  'versionNotes',
  'confidentialSafety',
  'spotChecks',
] as const;
export type ScorecardIndicator = (typeof SCORECARD_INDICATORS)[number];

export type Weights = Record<ScorecardIndicator, number>;

export interface ScorecardConfig {
  weights: Weights;
  thresholds: { excellent: number; needsImprovement: number };
  /** How many of the best departments a recognition names (ties share a place). */
  recognise: { top: number };
  /** Weights for one period (its label: `2026-11`, `2026-Q4`, `2026`), over the general ones. */
  periods: Record<string, Partial<Weights>>;
}

export const DEFAULT_SCORECARD: ScorecardConfig = {
  weights: {
    slaCompliance: 25,
    notOverdue: 10,
    publishedOnTime: 10,
    acknowledgedInTime: 10,
    fileMetadata: 10,
    versionNotes: 5,
    confidentialSafety: 10,
    spotChecks: 20,
  },
  thresholds: { excellent: 90, needsImprovement: 60 },
  recognise: { top: 1 },
  periods: {},
};

const weight = z.number({ message: 'must be a number from 0 to 100' }).min(0).max(100);
const weightsShape = Object.fromEntries(
  SCORECARD_INDICATORS.map((key) => [key, weight.optional()]),
) as Record<ScorecardIndicator, z.ZodOptional<typeof weight>>;
const weightsSchema = z.strictObject(weightsShape, {
  error: (issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown indicator; the indicators are ${SCORECARD_INDICATORS.join(', ')}`
      : 'must be a map of indicator: weight',
});
const score = z.number({ message: 'must be a number from 0 to 100' }).min(0).max(100);

const fileSchema = z
  .strictObject(
    {
      weights: weightsSchema.optional(),
      thresholds: z
        .strictObject({ excellent: score.optional(), needsImprovement: score.optional() })
        .optional(),
      recognise: z
        .strictObject({
          top: z.number().int({ message: 'must be a whole number from 1 to 5' }).min(1).max(5),
        })
        .optional(),
      periods: z
        .record(
          z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/, {
            message: 'must be a period like 2026-11, 2026-Q4 or 2026',
          }),
          weightsSchema,
        )
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'unknown key; the keys are weights, thresholds, recognise, periods'
          : undefined,
    },
  )
  .nullable();

export type ScorecardConfigResult = { ok: true; config: ScorecardConfig } | { ok: false; problems: string[] };

/** The admins' YAML as a config, or the problems, each naming its line and key. */
export function parseScorecardYaml(text: string): ScorecardConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length)
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return `line ${at.line}: ${error.message.split('\n')[0]}`;
      }),
    };
  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const path = issue.path.map(String);
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const where = keys.length ? [...path, keys[0]!] : path;
        const line = lineOf(doc, where, lineCounter, keys.length > 0);
        const name = where.join('.') || '(top)';
        return `${line ? `line ${line}, ` : ''}${name}: ${issue.message}`;
      }),
    };
  const value = parsed.data ?? {};
  const config: ScorecardConfig = {
    weights: { ...DEFAULT_SCORECARD.weights, ...definedOnly(value.weights ?? {}) },
    thresholds: { ...DEFAULT_SCORECARD.thresholds, ...definedOnly(value.thresholds ?? {}) },
    recognise: value.recognise ?? DEFAULT_SCORECARD.recognise,
    periods: Object.fromEntries(
      Object.entries(value.periods ?? {}).map(([period, weights]) => [period, definedOnly(weights)]),
    ),
  };
  if (config.thresholds.needsImprovement > config.thresholds.excellent)
    return {
      ok: false,
      problems: [
        `${lineOf(doc, ['thresholds', 'needsImprovement'], lineCounter, false) ? `line ${lineOf(doc, ['thresholds', 'needsImprovement'], lineCounter, false)}, ` : ''}thresholds.needsImprovement: must not be above thresholds.excellent (${config.thresholds.excellent})`,
      ],
    };
  if (SCORECARD_INDICATORS.every((key) => config.weights[key] === 0))
    return { ok: false, problems: ['weights: at least one weight must be above 0'] };
  return { ok: true, config };
}

function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

/** The line of the key (or its value) at `path`, 1-based, when the document has it. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  path: string[],
  lineCounter: LineCounter,
  keyItself: boolean,
): number | undefined {
  const parentPath = path.slice(0, -1);
  const last = path.at(-1);
  const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
  if (isMap(parent) && last !== undefined) {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === last);
    const node = keyItself ? pair?.key : (pair?.value ?? pair?.key);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  const range = (parent as { range?: [number, number, number] } | null)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

/** The weights of a period: the period's own over the general ones. */
export const weightsFor = (config: ScorecardConfig, periodLabel: string): Weights => ({
  ...config.weights,
  ...config.periods[periodLabel],
});

/** An indicator's ratio (0–1, 1 is best) and the count it is out of; null: nothing to measure. */
export type Ratios = Record<ScorecardIndicator, { value: number; outOf: number } | null>;

const ratio = (good: number, outOf: number) =>
  outOf > 0 ? { value: Math.max(0, good) / outOf, outOf } : null;

/** The indicators of one department's figures (and its spot checks) as ratios. */
export function ratiosOf(
  figures: SupervisionFigures,
  findings: { checked: number; problems: number },
): Ratios {
  const { workflow, publishing, files } = figures;
  const tasksDue =
    workflow.sla.tasks + Math.max(0, workflow.overdueInPeriod - (workflow.sla.tasks - workflow.sla.onTime));
  return {
    slaCompliance: ratio(workflow.sla.onTime, workflow.sla.tasks),
    notOverdue: ratio(tasksDue - workflow.overdueInPeriod, tasksDue),
    publishedOnTime: ratio(publishing.published - publishing.publishedLate, publishing.published),
    acknowledgedInTime: ratio(
      publishing.acknowledgements.acknowledgedInTime,
      publishing.acknowledgements.audience,
    ),
    fileMetadata: ratio(files.completeMetadata.complete, files.completeMetadata.files),
    versionNotes: ratio(files.laterVersions.withChangeNote, files.laterVersions.versions),
    // Any confidential download outside its scope costs the whole indicator (it must be 0).
    confidentialSafety:
      files.downloads > 0 || files.confidentialOutsideScope > 0
        ? { value: files.confidentialOutsideScope === 0 ? 1 : 0, outOf: Math.max(1, files.downloads) }
        : null,
    spotChecks: ratio(findings.checked - findings.problems, findings.checked),
  };
}

export type Band = 'excellent' | 'needs_improvement' | 'fair';

export interface ScoreLine<D> {
  department: D;
  /** 0–100, one decimal; null when no indicator had anything to measure. */
  score: number | null;
  /** 1 is best; ties share a rank (1, 1, 3); null when unscored. */
  rank: number | null;
  band: Band | null;
  /** Points each indicator brought (they add up to the score); null: not measured, weight shared out. */
  contributions: Record<ScorecardIndicator, number | null>;
  ratios: Ratios;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** One department's score: Σ wᵢ·rᵢ / Σ wᵢ over the indicators it has data for, × 100. */
export function scoreOf(
  ratios: Ratios,
  weights: Weights,
): { score: number | null; contributions: ScoreLine<never>['contributions'] } {
  const measured = SCORECARD_INDICATORS.filter((key) => ratios[key] !== null && weights[key] > 0);
  const total = measured.reduce((sum, key) => sum + weights[key], 0);
  const contributions = Object.fromEntries(
    SCORECARD_INDICATORS.map((key) => {
      const r = ratios[key];
      return [
        key,
        r && total > 0 && weights[key] > 0 ? round1((100 * weights[key] * r.value) / total) : null,
      ];
    }),
  ) as ScoreLine<never>['contributions'];
  if (total === 0) return { score: null, contributions };
  const exact = measured.reduce((sum, key) => sum + (100 * weights[key] * ratios[key]!.value) / total, 0);
  return { score: round1(exact), contributions };
}

export function bandOf(score: number, thresholds: ScorecardConfig['thresholds']): Band {
  if (score >= thresholds.excellent) return 'excellent';
  if (score < thresholds.needsImprovement) return 'needs_improvement';
  return 'fair';
}

/** Every department's line, best first; equal scores share a rank, then go by `name`. */
export function rankScorecard<D>(
  departments: ReadonlyArray<{ department: D; name: string; ratios: Ratios }>,
  config: ScorecardConfig,
  periodLabel: string,
): ScoreLine<D>[] {
  const weights = weightsFor(config, periodLabel);
  const lines = departments.map(({ department, name, ratios }) => {
    const { score, contributions } = scoreOf(ratios, weights);
    return {
      name,
      line: {
        department,
        score,
        rank: null as number | null,
        band: score === null ? null : bandOf(score, config.thresholds),
        contributions,
        ratios,
      },
    };
  });
  lines.sort((a, b) => (b.line.score ?? -1) - (a.line.score ?? -1) || a.name.localeCompare(b.name));
  lines.forEach(({ line }, index) => {
    if (line.score === null) return;
    const previous = lines[index - 1]?.line;
    line.rank = previous && previous.score === line.score ? previous.rank : index + 1;
  });
  return lines.map(({ line }) => line);
}

/** The departments a recognition names: every scored line whose rank is within `top`. */
export const bestOf = <D>(lines: readonly ScoreLine<D>[], top: number) =>
  lines.filter((line) => line.rank !== null && line.rank <= top);
