import { messageBlockProblems } from '@gongwu/slack-emulator';
import type { SupervisionFigures } from '../../../../../src/domain/supervision/model';
import type { Report } from '../../../../../src/domain/supervision/report.service';
import { translator } from '../../../../../src/slack/i18n';
import { delta, reportMessage } from '../../../../../src/slack/views/reports/report.view';
import { reportCharts } from '../../../../../src/slack/views/reports/report-charts.view';

const figures = (overrides: { requests?: number; onTime?: number } = {}): SupervisionFigures => ({
  workflow: {
    requests: [{ template: 'leave', status: 'approved', count: overrides.requests ?? 4 }],
    turnaround: [{ template: 'leave', decided: 4, medianHours: 6.5, p90Hours: 12.25 }],
    steps: [],
    sla: { tasks: 4, onTime: overrides.onTime ?? 3 },
    overdueNow: 1,
    overdueInPeriod: 2,
    escalations: 1,
    automaticDecisions: 0,
    decided: 4,
    rejected: 1,
    returned: 0,
    resubmissions: 0,
  },
  publishing: {
    published: 2,
    toPublication: { medianHours: 3, p90Hours: null },
    publishedLate: 1,
    corrections: 0,
    withdrawals: 0,
    acknowledgements: { items: 1, audience: 10, acknowledgedInTime: 7 },
    chases: 1,
  },
  files: {
    created: 0,
    completeMetadata: { files: 0, complete: 0 },
    laterVersions: { versions: 0, withChangeNote: 0 },
    confidentialOutsideScope: 0,
    downloads: 0,
  },
  safeOperation: {
    backups: { succeeded: 30, failed: 1, lastSuccessAt: new Date('2026-11-30T18:01:00Z') },
    drills: { succeeded: 1, failed: 0, lastSuccessAt: null },
    suspendedNow: 1,
    suspensions: 0,
    refusedInteractions: 3,
  },
  usage: { activePeople: 12, byDepartment: [] },
});

const report: Report = {
  period: {
    label: '2026-11',
    fromDate: '2026-11-01',
    toDate: '2026-12-01',
    previous: { label: '2026-10', fromDate: '2026-10-01', toDate: '2026-11-01' },
  },
  department: { id: 2, key: 'finance', name: 'Finance', nameZh: '財務處', parentId: null, headPersonId: 3 },
  current: figures(),
  previous: figures({ requests: 6, onTime: 3 }),
};

const text = (locale: 'en' | 'zh-TW') => {
  const message = reportMessage({ t: translator(locale), locale, timezone: 'Asia/Taipei', report });
  return { message, all: JSON.stringify(message.blocks) };
};

describe('the report message', () => {
  it('marks each change against the period before', () => {
    expect(delta(4, 6)).toBe('▼ −2');
    expect(delta(7, 3)).toBe('▲ +4');
    expect(delta(3, 3)).toBe('=');
    expect(delta(6.6, 6.5)).toBe('▲ +0.1');
  });

  it('shows every group in English, with shares, hours and n/a where nothing was measured', () => {
    const { message, all } = text('en');
    expect(message.text).toBe('Report 2026-11: Finance');
    expect(all).toContain('Requests submitted: 4 ▼ −2');
    expect(all).toContain('Turnaround (working hours): median 6.5, p90 12.3');
    expect(all).toContain('Decided by their due time: 75 % =');
    expect(all).toContain('Acknowledged within 3 working days: 70 % (7 of 10)');
    expect(all).toContain('Draft to publication (working hours): median 3.0, p90 n/a');
    expect(all).toContain('Complete descriptions: n/a');
    expect(all).toContain('Restore drills: 1 succeeded, 0 failed · last success: never');
    expect(all).toContain('Backups: 30 succeeded, 1 failed · last success: 2026-12-01 02:01');
    expect(messageBlockProblems(message.blocks)).toEqual([]);
  });

  it('shows the department and every label in Traditional Chinese', () => {
    const { message, all } = text('zh-TW');
    expect(message.text).toBe('2026-11 報表：財務處');
    expect(all).toContain('提交申請：4 ▼ −2');
    expect(all).toContain('於期限內決定：75 % =');
    expect(all).toContain('還原演練：成功 1、失敗 0 · 最近成功：從未');
  });
});

describe('the report charts', () => {
  it('describes each chart in words and gives its numbers as a table', () => {
    const [turnaround, sla] = reportCharts(translator('en'), report, (key) =>
      key === 'leave' ? 'Leave' : key,
    );
    expect(turnaround?.spec.altText).toBe(
      'Bar chart of the median and p90 turnaround in working hours by request type for 2026-11: Leave 6.5 / 12.3.',
    );
    expect(turnaround?.table).toBe(
      ['```', 'type   decided  median  p90 ', 'Leave  4        6.5     12.3', '```'].join('\n'),
    );
    expect(sla?.spec.altText).toBe(
      'Bar chart of the share of tasks decided by their due time: 2026-10 75 %; 2026-11 75 %.',
    );
    expect(sla?.filename).toBe('sla-2026-11.png');
  });
});
