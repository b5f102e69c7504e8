import type { RawFormValues } from '../../../../src/domain/workflows/form-types';
import { leaveTemplate } from '../../../../src/domain/workflows/templates/leave';
import {
  leaveFields,
  leaveQuickTextUsage,
  parseLeaveQuickText,
  QUICK_TEXT_PROBLEM_CODES,
  type QuickTextProblem,
  quickTextProblemsMessage,
} from '../../../../src/slack/forms/leave-quick-text';
import { translator } from '../../../../src/slack/i18n';
import { en as enCatalog } from '../../../../src/slack/i18n/en';
import { zhTW } from '../../../../src/slack/i18n/zh-TW';
import { everyFieldInput, templateInfo } from './factories';

const leave = templateInfo(leaveTemplate);
const en = translator('en');
const zh = translator('zh-TW');

const parse = (text: string) => parseLeaveQuickText(text, leave);
const day = (date: string, part: 'full' | 'am' | 'pm' = 'full') => ({ date, part });
const values = (
  start: { date: string; part: string },
  end: { date: string; part: string },
  type: string,
  reason?: string,
): RawFormValues => ({ start, end, leave_type: type, ...(reason !== undefined ? { reason } : {}) });

describe('parseLeaveQuickText', () => {
  it('opens the modal when there is no text', () => {
    expect(parse('')).toEqual({ kind: 'open_modal' });
    expect(parse('   \n ')).toEqual({ kind: 'open_modal' });
  });

  it.each([
    [
      '2026-12-01 2026-12-03 annual Family trip',
      values(day('2026-12-01'), day('2026-12-03'), 'annual', 'Family trip'),
    ],
    ['2026-12-01pm sick Doctor', values(day('2026-12-01', 'pm'), day('2026-12-01', 'pm'), 'sick', 'Doctor')],
    [
      '2026-12-01 am personal Bank',
      values(day('2026-12-01', 'am'), day('2026-12-01', 'am'), 'personal', 'Bank'),
    ],
    [
      '2026-12-01 pm to 2026-12-03 am annual Trip',
      values(day('2026-12-01', 'pm'), day('2026-12-03', 'am'), 'annual', 'Trip'),
    ],
    ['2026-12-01~2026-12-02 sick Flu', values(day('2026-12-01'), day('2026-12-02'), 'sick', 'Flu')],
    ['2026-12-01 ~ 2026-12-02PM sick Flu', values(day('2026-12-01'), day('2026-12-02', 'pm'), 'sick', 'Flu')],
    ['2026-12-01 – 2026-12-02 sick Flu', values(day('2026-12-01'), day('2026-12-02'), 'sick', 'Flu')],
    ['2026/12/1 2026/12/2 sick Flu', values(day('2026-12-01'), day('2026-12-02'), 'sick', 'Flu')],
    [
      '2026-12-01 至 2026-12-03 年假 家庭旅遊',
      values(day('2026-12-01'), day('2026-12-03'), 'annual', '家庭旅遊'),
    ],
    [
      '2026年12月1日下午 病假 看醫生',
      values(day('2026-12-01', 'pm'), day('2026-12-01', 'pm'), 'sick', '看醫生'),
    ],
    ['２０２６－１２－０１ 事假 辦事', values(day('2026-12-01'), day('2026-12-01'), 'personal', '辦事')],
    ['2026-12-01 特休 旅行', values(day('2026-12-01'), day('2026-12-01'), 'annual', '旅行')],
    ['2026-12-01 產假 生產', values(day('2026-12-01'), day('2026-12-01'), 'maternity_paternity', '生產')],
    [
      '2026-12-01 official business Ministry meeting',
      values(day('2026-12-01'), day('2026-12-01'), 'official_business', 'Ministry meeting'),
    ],
    ['2026-12-01 Sick leave Flu', values(day('2026-12-01'), day('2026-12-01'), 'sick', 'Flu')],
    [
      '2026-12-01 COMPENSATORY Overtime',
      values(day('2026-12-01'), day('2026-12-01'), 'compensatory', 'Overtime'),
    ],
    ['sick 2026-12-01 Flu', values(day('2026-12-01'), day('2026-12-01'), 'sick', 'Flu')],
    [
      '2026-12-01 annual   Two  spaces\nand a line',
      values(day('2026-12-01'), day('2026-12-01'), 'annual', 'Two  spaces\nand a line'),
    ],
  ])('reads %j', (text, expected) => {
    expect(parse(text)).toEqual({ kind: 'values', values: expected });
  });

  it('leaves the end before the start for the engine to refuse', () => {
    expect(parse('2026-12-03 2026-12-01 annual Oops')).toEqual({
      kind: 'values',
      values: values(day('2026-12-03'), day('2026-12-01'), 'annual', 'Oops'),
    });
  });

  it.each<[string, QuickTextProblem[]]>([
    ['annual Family trip', [{ code: 'missing_start_date', params: { value: 'annual' } }]],
    ['next monday', [{ code: 'missing_start_date', params: { value: 'next' } }]],
    ['2026-02-30 sick Flu', [{ code: 'invalid_date', params: { value: '2026-02-30' } }]],
    ['12/01 sick Flu', [{ code: 'invalid_date', params: { value: '12/01' } }]],
    ['2026-12-01 to sick Flu', [{ code: 'missing_end_date', params: { value: 'to' } }]],
    [
      '2026-12-01 2026-12-02 2026-12-03 sick Flu',
      [{ code: 'too_many_dates', params: { value: '2026-12-03' } }],
    ],
    ['2026-12-01pm am sick Flu', [{ code: 'duplicate_part', params: { value: 'am' } }]],
    ['2026-12-01', [{ code: 'missing_leave_type' }, { code: 'missing_reason' }]],
    ['2026-12-01 holiday Fun', [{ code: 'unknown_leave_type', params: { value: 'holiday' } }]],
    ['2026-12-01 annual', [{ code: 'missing_reason' }]],
    [
      '2026-13-01 ~ 2026-12-40 party',
      [
        { code: 'invalid_date', params: { value: '2026-13-01' } },
        { code: 'invalid_date', params: { value: '2026-12-40' } },
        { code: 'unknown_leave_type', params: { value: 'party' } },
        { code: 'missing_reason' },
      ],
    ],
  ])('finds every problem in %j', (text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it('covers every problem code above and has a message for each in both languages', () => {
    for (const code of QUICK_TEXT_PROBLEM_CODES) {
      const key = `forms.quick.problem.${code}` as const;
      expect(enCatalog[key]).toBeTruthy();
      expect(zhTW[key]).toBeTruthy();
    }
  });

  it('needs no reason when the template does not require one', () => {
    const optionalReason = templateInfo({
      ...leaveTemplate,
      fields: leaveTemplate.fields.map((f) => (f.id === 'reason' ? { ...f, required: false } : f)),
    });
    expect(parseLeaveQuickText('2026-12-01 annual', optionalReason)).toEqual({
      kind: 'values',
      values: values(day('2026-12-01'), day('2026-12-01'), 'annual'),
    });
  });

  it('finds the leave fields by their role, not their ids', () => {
    expect(leaveFields(leave)).toMatchObject({ start: 'start', end: 'end', type: { id: 'leave_type' } });
    expect(leaveFields(templateInfo(everyFieldInput))).toMatchObject({
      start: 'start',
      end: 'end',
      type: { id: 'kind' },
      reason: { id: 'details' },
    });
  });
});

describe('quick text replies', () => {
  it('list every problem, then the usage with the leave types, in English', () => {
    const text = quickTextProblemsMessage(problems('2026-02-30 holiday'), leave, en, 'en');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'I couldn’t read that leave request:',
      '• “2026-02-30” is not a valid date; write dates as YYYY-MM-DD, e.g. 2026-12-01.',
      '• I don’t know the leave type “holiday”.',
      '• Add a reason after the leave type.',
    ]);
    expect(text).toContain('/leave 2026-12-01 2026-12-03 annual Family trip');
    expect(text).toContain('Annual leave (`annual`), Sick leave (`sick`)');
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it('in Traditional Chinese', () => {
    const text = quickTextProblemsMessage(problems('2026-12-01 玩'), leave, zh, 'zh-TW');
    expect(text).toContain('不認得假別「玩」。');
    expect(text).toContain('特休（`annual`）、病假（`sick`）');
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it('quote what people typed short and harmless', () => {
    const text = quickTextProblemsMessage(
      problems(`2026-12-01 <!channel>${'x'.repeat(100)}`),
      leave,
      en,
      'en',
    );
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('x'.repeat(50));
  });

  it('usage alone, for /leave help', () => {
    expect(leaveQuickTextUsage(leave, zh, 'zh-TW')).toContain('用法');
  });
});

function problems(text: string): QuickTextProblem[] {
  const result = parseLeaveQuickText(text, leave);
  if (result.kind !== 'problems') throw new Error(`expected problems, got ${JSON.stringify(result)}`);
  return result.problems;
}
