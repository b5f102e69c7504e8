import { CSV_BOM, csvCell, toCsv } from '../../../../src/domain/workflows/csv';
import {
  type DisplayDirectory,
  fieldViews,
  searchTextOf,
  subjectOf,
} from '../../../../src/domain/workflows/form-display';
import { parseTemplate } from '../../../../src/domain/workflows/template.service';
import { leaveTemplate } from '../../../../src/domain/workflows/templates/leave';
import { projectTemplate } from '../../../../src/domain/workflows/templates/project';

describe('CSV', () => {
  it('quotes what needs quoting and keeps formulas from running', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('starts with a byte order mark and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['請假', 1]])).toBe(`${CSV_BOM}a,b\r\n請假,1\r\n`);
  });
});

describe('displayed values', () => {
  const directory: DisplayDirectory = {
    personName: (id) => (id === 'U0BOB' ? 'Bob Wang' : undefined),
    department: (key) => (key === 'finance' ? { en: 'Finance', zh: '財務處' } : undefined),
  };

  it('shows half days, options, numbers with units, and computed values in both languages', () => {
    const leave = parseTemplate(leaveTemplate);
    const views = fieldViews(
      leave,
      {
        leave_type: 'sick',
        start: { date: '2026-12-14', part: 'pm' },
        end: { date: '2026-12-15', part: 'am' },
        reason: 'Flu',
        working_days: 1,
      },
      directory,
    );
    expect(views.map((v) => [v.id, v.display])).toEqual([
      ['leave_type', { en: 'Sick leave', zh: '病假' }],
      ['start', { en: '2026-12-14 (afternoon)', zh: '2026-12-14（下午）' }],
      ['end', { en: '2026-12-15 (morning)', zh: '2026-12-15（上午）' }],
      ['reason', { en: 'Flu', zh: 'Flu' }],
      ['attachments', null],
      ['working_days', { en: '1', zh: '1' }],
    ]);
    expect(subjectOf(leave, views)).toEqual({
      en: 'Sick leave · 2026-12-14 (afternoon) · 2026-12-15 (morning)',
      zh: '病假 · 2026-12-14（下午） · 2026-12-15（上午）',
    });
    const project = parseTemplate(projectTemplate);
    const projectViews = fieldViews(project, { name: 'Portal', budget: 1500000 }, directory);
    expect(projectViews.find((v) => v.id === 'budget')?.display).toEqual({
      en: '1,500,000 NT$',
      zh: '1,500,000 新臺幣元',
    });
    expect(
      searchTextOf({
        reference: 'PRJ-2026-0001',
        documentNumber: null,
        requesterName: 'Evan Lee',
        title: project.title,
        fields: projectViews,
      }),
    ).toContain('portal');
  });
});
