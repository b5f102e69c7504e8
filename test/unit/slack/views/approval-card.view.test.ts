import { approvalCard } from '../../../../src/slack/views/workflows/approval-card.view';
import { decisionButtons, leaveRequest, leaveTask } from '../../../support/view-fixtures';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

/**
 * Through approvalCard only: registerApprovalPreview is being reworked in parallel (issue 14),
 * so the template-specific previews are tested with their owners (review-preview.view.test.ts).
 */
const decided = leaveTask({
  status: 'rejected',
  decidedAt: '2026-12-01T03:00:00.000Z',
  comment: 'Month-end <!here>',
});

describe('approvalCard', () => {
  it('shows the request, requester, department, step and deadline, in either language', () => {
    const en = approvalCard({ ...EN, task: leaveTask() });
    expect(en.text).toBe('Leave · LV-2026-0041 — Evan Lee');
    expect(textOf(en.blocks)).toContain('*Requester*\n<@U01EVAN00>\n*Department*\nGeneral Office');
    expect(textOf(en.blocks)).toContain(
      'Step 1 of 1: Department head · Submitted 2026-12-01 09:00 · Due 2026-12-02 17:00',
    );
    const zh = approvalCard({ ...ZH, task: leaveTask() });
    expect(textOf(zh.blocks)).toContain('*申請人*\n<@U01EVAN00>\n*部門*\n綜合辦公室');
    expect(textOf(zh.blocks)).toContain('期限 2026-12-02 17:00');
  });

  it('carries the decision buttons while the task is pending', () => {
    const card = approvalCard({ ...EN, task: leaveTask() });
    expect(buttonsOf(card.blocks).map((b) => [b.actionId, b.value])).toEqual(decisionButtons(77, 41));
  });

  it('replaces the buttons by the outcome once decided, the reason escaped', () => {
    const en = approvalCard({ ...EN, task: decided });
    expect(buttonsOf(en.blocks)).toEqual([]);
    expect(textOf(en.blocks)).toContain('Month-end &lt;!here&gt;');
    expect(textOf(en.blocks)).not.toContain('<!here>');
    expect(textOf(approvalCard({ ...ZH, task: decided }).blocks)).toContain('2026-12-01 11:00');
  });

  it('says who decided instead when the task was superseded', () => {
    const task = leaveTask({ status: 'superseded' });
    const supersededBy = { name: 'Alice Chen', at: '2026-12-01T03:00:00.000Z' };
    expect(textOf(approvalCard({ ...EN, task, supersededBy }).blocks)).toContain(
      'No longer needs your decision: already decided by Alice Chen at 2026-12-01 11:00',
    );
    expect(textOf(approvalCard({ ...ZH, task, supersededBy }).blocks)).toContain(
      '已無需您決定：Alice Chen 已於 2026-12-01 11:00 決定',
    );
  });

  it('shows at most ten field cells and a long form within Block Kit limits', () => {
    const fields = Array.from({ length: 14 }, (_, i) => ({
      id: `f${i}`,
      type: 'text' as const,
      label: { en: `Field ${i}`, zh: `欄位 ${i}` },
      value: 'v',
      display: { en: 'v'.repeat(2500), zh: '值' },
    }));
    const card = approvalCard({
      ...EN,
      task: leaveTask({ instance: leaveRequest({ fields, revision: 3 }) }),
    });
    expect(messageProblems(card)).toEqual([]);
    expect(textOf(card.blocks)).toContain('Field 7');
    expect(textOf(card.blocks)).not.toContain('Field 8');
    expect(textOf(card.blocks)).toContain('Revision 3');
  });
});
