import { messageBlockProblems } from '@gongwu/slack-emulator';
import type { ReportDetail } from '../../../../../src/domain/supervision/report.service';
import { translator } from '../../../../../src/slack/i18n';
import {
  DETAIL_ROWS_SHOWN,
  detailCsv,
  reportDetailMessage,
} from '../../../../../src/slack/views/reports/report-detail.view';

const detail = (total: number): ReportDetail => {
  const rows = Array.from({ length: total }, (_, i) => ({
    request: `LV-2026-${String(i + 1).padStart(4, '0')}`,
    status: 'approved',
    decided_at: new Date(Date.UTC(2026, 10, 2, 1, i)),
    working_hours: 4.25,
  }));
  return {
    period: {
      label: '2026-11',
      fromDate: '2026-11-01',
      toDate: '2026-12-01',
      previous: { label: '2026-10', fromDate: '2026-10-01', toDate: '2026-11-01' },
    },
    department: null,
    person: null,
    key: 'decided',
    rows,
    total,
  };
};

describe('/oa report … detail', () => {
  it('shows the first records and says where the rest are', () => {
    const full = detail(45);
    const message = reportDetailMessage(translator('en'), 'en', {
      ...full,
      rows: full.rows.slice(0, DETAIL_ROWS_SHOWN),
    });
    const all = JSON.stringify(message.blocks);
    expect(message.text).toBe('decided · 2026-11: whole organisation');
    expect(all).toContain('45 records behind this figure');
    expect(all).toContain('LV-2026-0020');
    expect(all).not.toContain('LV-2026-0021');
    expect(all).toContain('The first 20 are shown; all 45 are in the CSV file in our DM.');
    expect(messageBlockProblems(message.blocks)).toEqual([]);
  });

  it('says a figure of 0 has no records', () => {
    expect(JSON.stringify(reportDetailMessage(translator('zh-TW'), 'zh-TW', detail(0)).blocks)).toContain(
      '沒有紀錄：此指標為 0。',
    );
  });

  it('writes every record as CSV, quoted where needed and with formulas kept as text', () => {
    const csv = detailCsv([
      { request: 'LV-1', note: 'a, "b"', formula: '=HYPERLINK("x")', hours: -2.5 },
      { request: 'LV-2', note: null, formula: '@SUM(A1)', hours: 3 },
    ]);
    expect(csv).toBe(
      '\uFEFFrequest,note,formula,hours\r\nLV-1,"a, ""b""","\'=HYPERLINK(""x"")",-2.5\r\nLV-2,,\'@SUM(A1),3\r\n',
    );
  });
});
