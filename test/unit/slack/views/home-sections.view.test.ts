import { HOME_TASKS, workflowHomeSections } from '../../../../src/slack/views/workflows/home-sections.view';
import { leaveRequest, leaveTask, page, simpleTemplate } from '../../../support/view-fixtures';
import { buttonsOf, EN, textOf, ZH } from '../../../support/views';

const templates = [
  simpleTemplate('leave', 'Leave', '請假'),
  simpleTemplate('registration', 'Register', '登記', 'registration'),
];
const sections = (overrides: Partial<Parameters<typeof workflowHomeSections>[0]> = {}) =>
  workflowHomeSections({
    ...EN,
    pending: page([leaveTask()]),
    mine: page([leaveRequest()]),
    templates,
    canStart: true,
    ...overrides,
  });

describe('workflowHomeSections', () => {
  it('shows what waits for me with buttons, my requests, and how to start one', () => {
    const blocks = sections();
    const text = textOf(blocks);
    expect(text).toContain('*Leave · LV-2026-0041* — <@U01EVAN00>\nAnnual leave 12-08');
    expect(text).toContain('⏳ In review · *LV-2026-0041* Annual leave 12-08 · 2026-12-01 09:00');
    const buttons = buttonsOf(blocks);
    expect(buttons.map((b) => b.actionId)).toContain('wf_approve');
    // Only request templates can be started from Home; registration has its own button.
    expect(buttons.filter((b) => b.actionId.startsWith('wf_start_request'))).toEqual([
      { actionId: 'wf_start_request:leave', value: 'leave', label: 'Leave', style: undefined },
    ]);
  });

  it('speaks Traditional Chinese to a zh-TW reader', () => {
    const blocks = sections({ ...ZH });
    expect(textOf(blocks)).toContain('*請假 · LV-2026-0041* — <@U01EVAN00>\n特休 12-08');
    expect(buttonsOf(blocks).at(-1)?.label).toBe('請假');
  });

  it('lists at most the first tasks and counts the others', () => {
    const tasks = Array.from({ length: 7 }, (_, i) => leaveTask({ taskId: i + 1 }));
    const blocks = sections({ pending: page(tasks) });
    expect(buttonsOf(blocks).filter((b) => b.actionId === 'wf_approve')).toHaveLength(HOME_TASKS);
    expect(textOf(blocks)).toContain('…and 2 more: type `/approvals` to see them all.');
  });

  it('says when nothing waits and nothing was asked, in either language', () => {
    const empty = { pending: page([]), mine: page([]) };
    expect(textOf(sections(empty))).toContain('Nothing is waiting for you.');
    expect(textOf(sections(empty))).toContain('You have not made any requests yet.');
    expect(textOf(sections({ ...ZH, ...empty }))).toContain('目前沒有等待您處理的事項。');
  });

  it('has no start buttons for someone who cannot start requests', () => {
    expect(buttonsOf(sections({ canStart: false })).some((b) => b.actionId.startsWith('wf_start'))).toBe(
      false,
    );
  });
});
