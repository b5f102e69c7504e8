import type { OverdueSummary } from '../../../../src/domain/workflows/digest.service';
import {
  dailyDigestMessage,
  MAX_DIGEST_ITEMS,
  MAX_SUMMARY_DEPARTMENTS,
  weeklySummaryMessage,
} from '../../../../src/slack/views/workflows/digest.view';
import { leaveTask, page } from '../../../support/view-fixtures';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

const now = new Date('2026-12-03T00:00:00Z');

describe('dailyDigestMessage', () => {
  it('lists pending tasks with their buttons, marks the overdue ones and counts the rest', () => {
    const en = dailyDigestMessage({ ...EN, now, page: page([leaveTask()], 25) });
    expect(en.text).toBe('25 requests are waiting for your decision (1 overdue).');
    expect(textOf(en.blocks)).toContain("☀️ Today's approvals");
    expect(textOf(en.blocks)).toContain('Waiting since 2026-12-01 09:00 · due 2026-12-02 17:00\n⚠ *Overdue*');
    expect(textOf(en.blocks)).toContain('…and 24 more: see `/approvals` or the Home tab.');
    expect(buttonsOf(en.blocks).map((b) => b.actionId)).toContain('wf_approve');
    const zh = dailyDigestMessage({ ...ZH, now, page: page([leaveTask()], 25) });
    expect(zh.text).toBe('共 25 件申請等候您審批（1 件已逾期）。');
    expect(textOf(zh.blocks)).toContain('⚠ *已逾期*');
  });

  it('shows a decided task’s outcome instead of buttons when brought in line', () => {
    const decided = leaveTask({ status: 'approved', decidedAt: '2026-12-01T03:00:00.000Z' });
    const en = dailyDigestMessage({ ...EN, now, page: page([decided]), stillPending: 0 });
    expect(textOf(en.blocks)).toContain('Updated: *0* of them still wait for your decision.');
    expect(textOf(en.blocks)).toContain('✓ You approved this on 2026-12-01 11:00');
    expect(buttonsOf(en.blocks)).toEqual([]);
  });

  it('stays within 50 blocks however many tasks wait', () => {
    const tasks = Array.from({ length: 60 }, (_, i) => leaveTask({ taskId: i + 1 }));
    const message = dailyDigestMessage({ ...EN, now, page: page(tasks, 60) });
    expect(messageProblems(message)).toEqual([]);
    expect(buttonsOf(message.blocks).filter((b) => b.actionId === 'wf_approve')).toHaveLength(
      MAX_DIGEST_ITEMS,
    );
    expect(textOf(message.blocks)).toContain('…and 40 more');
  });
});

const department = (i: number, count: number): OverdueSummary['departments'][number] => ({
  department: { key: `d${i}`, name: { en: `Department ${i}`, zh: `部門 ${i}` } },
  count,
  items: [
    {
      taskId: i,
      instanceId: i,
      reference: `LV-2026-${String(i).padStart(4, '0')}`,
      title: { en: 'Leave', zh: '請假' },
      approver: 'Bob <Wang>',
      dueAt: '2026-12-02T09:00:00.000Z',
    },
  ],
});

describe('weeklySummaryMessage', () => {
  it('groups overdue tasks by department, in either language', () => {
    const summary: OverdueSummary = {
      total: 4,
      departments: [department(1, 3), { department: null, count: 1, items: [] }],
    };
    const en = weeklySummaryMessage({ ...EN, summary });
    expect(en.text).toBe('*4* tasks are overdue in 2 departments.');
    expect(textOf(en.blocks)).toContain(
      '*Department 1* — 3 overdue\n• LV-2026-0001 Leave — with Bob &lt;Wang&gt;, due 2026-12-02 17:00\n• …and 2 more',
    );
    expect(textOf(en.blocks)).toContain('*No department* — 1 overdue');
    const zh = weeklySummaryMessage({ ...ZH, summary });
    expect(textOf(zh.blocks)).toContain('📋 每週逾期摘要');
    expect(textOf(zh.blocks)).toContain('*部門 1* — 3 件逾期');
  });

  it('stays within 50 blocks with more departments than it shows', () => {
    const departments = Array.from({ length: 55 }, (_, i) => department(i + 1, 1));
    const message = weeklySummaryMessage({ ...EN, summary: { total: 55, departments } });
    expect(messageProblems(message)).toEqual([]);
    expect(textOf(message.blocks)).toContain(`Department ${MAX_SUMMARY_DEPARTMENTS}*`);
    expect(textOf(message.blocks)).not.toContain(`Department ${MAX_SUMMARY_DEPARTMENTS + 1}*`);
  });
});
