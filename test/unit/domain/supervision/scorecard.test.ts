import type { SupervisionFigures } from '../../../../src/domain/supervision/model';
import {
  bestOf,
  DEFAULT_SCORECARD,
  parseScorecardYaml,
  type Ratios,
  rankScorecard,
  ratiosOf,
  SCORECARD_INDICATORS,
  type ScorecardConfig,
  scoreOf,
  weightsFor,
} from '../../../../src/domain/supervision/scorecard';

const none = (): Ratios => Object.fromEntries(SCORECARD_INDICATORS.map((key) => [key, null])) as Ratios;
const ratios = (values: Partial<Record<keyof Ratios, number>>): Ratios => ({
  ...none(),
  ...Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value, outOf: 10 }])),
});
const config = (
  weights: Partial<ScorecardConfig['weights']>,
  thresholds = { excellent: 90, needsImprovement: 60 },
) => ({
  ...DEFAULT_SCORECARD,
  weights: {
    ...Object.fromEntries(SCORECARD_INDICATORS.map((k) => [k, 0])),
    ...weights,
  } as ScorecardConfig['weights'],
  thresholds,
});

describe('scoreOf', () => {
  it('is the weighted mean of the ratios, and the contributions add up to it', () => {
    const { score, contributions } = scoreOf(
      ratios({ slaCompliance: 1, spotChecks: 0.5 }),
      config({ slaCompliance: 30, spotChecks: 10 }).weights,
    );
    // (30 × 1 + 10 × 0.5) / 40 = 87.5
    expect(score).toBe(87.5);
    expect(contributions.slaCompliance).toBe(75);
    expect(contributions.spotChecks).toBe(12.5);
    expect(contributions.fileMetadata).toBeNull();
  });

  it('gives the weight of an indicator with nothing to measure to the others', () => {
    const weights = config({ slaCompliance: 30, fileMetadata: 70 }).weights;
    expect(scoreOf(ratios({ slaCompliance: 0.8 }), weights).score).toBe(80);
    expect(scoreOf(none(), weights).score).toBeNull();
  });

  it('changes with the weights', () => {
    const r = ratios({ slaCompliance: 1, publishedOnTime: 0 });
    expect(scoreOf(r, config({ slaCompliance: 1, publishedOnTime: 1 }).weights).score).toBe(50);
    expect(scoreOf(r, config({ slaCompliance: 3, publishedOnTime: 1 }).weights).score).toBe(75);
  });
});

describe('rankScorecard', () => {
  const departments = [
    { department: 'b', name: 'b', ratios: ratios({ slaCompliance: 0.95 }) },
    { department: 'a', name: 'a', ratios: ratios({ slaCompliance: 0.95 }) },
    { department: 'c', name: 'c', ratios: ratios({ slaCompliance: 0.7 }) },
    { department: 'd', name: 'd', ratios: ratios({ slaCompliance: 0.4 }) },
    { department: 'e', name: 'e', ratios: none() },
  ];

  it('ranks best first, equal scores share a rank, unscored last', () => {
    const lines = rankScorecard(departments, config({ slaCompliance: 1 }), '2026-11');
    expect(lines.map((line) => [line.department, line.score, line.rank])).toEqual([
      ['a', 95, 1],
      ['b', 95, 1],
      ['c', 70, 3],
      ['d', 40, 4],
      ['e', null, null],
    ]);
    expect(bestOf(lines, 1).map((line) => line.department)).toEqual(['a', 'b']);
  });

  it('bands by the thresholds', () => {
    const lines = rankScorecard(
      departments,
      config({ slaCompliance: 1 }, { excellent: 95, needsImprovement: 70 }),
      'x',
    );
    expect(lines.map((line) => line.band)).toEqual([
      'excellent',
      'excellent',
      'fair',
      'needs_improvement',
      null,
    ]);
  });

  it('uses a period’s own weights over the general ones', () => {
    const withPeriod = {
      ...config({ slaCompliance: 1, spotChecks: 1 }),
      periods: { '2026-Q4': { spotChecks: 0 } },
    };
    expect(weightsFor(withPeriod, '2026-Q4').spotChecks).toBe(0);
    expect(weightsFor(withPeriod, '2026-Q3').spotChecks).toBe(1);
  });
});

describe('ratiosOf', () => {
  const figures = (): SupervisionFigures => ({
    workflow: {
      requests: [],
      turnaround: [],
      steps: [],
      sla: { tasks: 10, onTime: 8 },
      overdueNow: 1,
      overdueInPeriod: 3,
      escalations: 0,
      automaticDecisions: 0,
      decided: 5,
      rejected: 1,
      returned: 0,
      resubmissions: 0,
    },
    publishing: {
      published: 4,
      toPublication: { medianHours: null, p90Hours: null },
      publishedLate: 1,
      corrections: 0,
      withdrawals: 0,
      acknowledgements: { items: 0, audience: 0, acknowledgedInTime: 0 },
      chases: 0,
    },
    files: {
      created: 0,
      completeMetadata: { files: 0, complete: 0 },
      laterVersions: { versions: 0, withChangeNote: 0 },
      confidentialOutsideScope: 0,
      downloads: 0,
    },
    safeOperation: {
      backups: { succeeded: 0, failed: 0, lastSuccessAt: null },
      drills: { succeeded: 0, failed: 0, lastSuccessAt: null },
      suspendedNow: 0,
      suspensions: 0,
      refusedInteractions: 0,
    },
    usage: { activePeople: 0, byDepartment: [] },
  });

  it('turns figures and findings into ratios, null where there is nothing to measure', () => {
    const r = ratiosOf(figures(), { checked: 4, problems: 1 });
    expect(r.slaCompliance).toEqual({ value: 0.8, outOf: 10 });
    expect(r.publishedOnTime).toEqual({ value: 0.75, outOf: 4 });
    expect(r.spotChecks).toEqual({ value: 0.75, outOf: 4 });
    expect(r.acknowledgedInTime).toBeNull();
    expect(r.fileMetadata).toBeNull();
    expect(r.confidentialSafety).toBeNull();
    expect(ratiosOf(figures(), { checked: 0, problems: 0 }).spotChecks).toBeNull();
  });

  it('costs the whole confidential-safety indicator for one download outside the scope', () => {
    const f = figures();
    f.files.downloads = 50;
    f.files.confidentialOutsideScope = 1;
    expect(ratiosOf(f, { checked: 0, problems: 0 }).confidentialSafety?.value).toBe(0);
  });
});

describe('parseScorecardYaml', () => {
  it('keeps the defaults for what the file leaves out', () => {
    const result = parseScorecardYaml('weights:\n  spotChecks: 40\n');
    expect(result.ok && result.config.weights.spotChecks).toBe(40);
    expect(result.ok && result.config.weights.slaCompliance).toBe(DEFAULT_SCORECARD.weights.slaCompliance);
    expect(parseScorecardYaml('')).toEqual({ ok: true, config: DEFAULT_SCORECARD });
  });

  it('names the line and key of a bad value or an unknown indicator', () => {
    const bad = parseScorecardYaml(
      'weights:\n  slaCompliance: 30\n  speed: 10\nthresholds:\n  excellent: high\n',
    );
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 3, weights\.speed: unknown indicator/),
        expect.stringMatching(/^line 5, thresholds\.excellent: must be a number/),
      ]),
    );
  });

  it('names the line of YAML that does not parse', () => {
    const bad = parseScorecardYaml('weights:\n  slaCompliance: [30\n');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.problems[0]).toMatch(/^line \d+: /);
  });

  it('refuses thresholds in the wrong order and all-zero weights', () => {
    const order = parseScorecardYaml('thresholds:\n  excellent: 50\n  needsImprovement: 70\n');
    expect(order.ok ? '' : order.problems[0]).toMatch(
      /line 3, thresholds\.needsImprovement: must not be above/,
    );
    const zero = parseScorecardYaml(
      `weights:\n${SCORECARD_INDICATORS.map((key) => `  ${key}: 0`).join('\n')}\n`,
    );
    expect(zero.ok ? '' : zero.problems[0]).toMatch(/at least one weight/);
  });
});
