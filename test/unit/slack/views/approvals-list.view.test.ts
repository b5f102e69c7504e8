import {
  APPROVALS_PAGE_SIZE,
  approvalsList,
} from '../../../../src/slack/views/workflows/approvals-list.view';
import { BOB, decisionButtons, leaveRequest, leaveTask, page } from '../../../support/view-fixtures';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

describe('approvalsList', () => {
  it('shows each task with its request, step and buttons, in either language', () => {
    const en = approvalsList({ ...EN, page: page([leaveTask()]) });
    expect(en.text).toBe('Waiting for your approval (1)');
    expect(textOf(en.blocks)).toContain(
      '*Leave · LV-2026-0041*\n<@U01EVAN00> · Annual leave 12-08\nStep 1 of 1: Department head · Submitted 2026-12-01 09:00',
    );
    expect(buttonsOf(en.blocks).map((b) => [b.actionId, b.value])).toEqual(decisionButtons(77, 41));
    const zh = approvalsList({ ...ZH, page: page([leaveTask()]) });
    expect(textOf(zh.blocks)).toContain('第 1 / 1 步：部門主管 · 提交於 2026-12-01 09:00');
  });

  it('offers the next page from where this one ends', () => {
    const en = approvalsList({ ...EN, page: page([leaveTask()], 12, 10) });
    expect(textOf(en.blocks)).toContain('Showing 11–11 of 12, oldest first.');
    expect(buttonsOf(en.blocks).at(-1)).toMatchObject({
      actionId: 'wf_approvals_page',
      value: '11',
      label: 'Next page',
    });
    const last = approvalsList({ ...ZH, page: page([leaveTask()], 11, 10) });
    expect(buttonsOf(last.blocks).map((b) => b.actionId)).not.toContain('wf_approvals_page');
    expect(textOf(last.blocks)).toContain('顯示第 11–11 項，共 11 項');
  });

  it('says when a task is held on someone’s behalf', () => {
    const task = leaveTask({
      onBehalfOf: BOB,
      assignee: { personId: 9, slackUserId: 'U01CAROL0', name: 'Carol' },
    });
    expect(textOf(approvalsList({ ...EN, page: page([task]) }).blocks)).toContain(
      'Transferred to you; originally for <@U01BOB000>',
    );
  });

  it('answers an empty list with one line', () => {
    expect(approvalsList({ ...EN, page: page([]) }).text).toBe('Nothing is waiting for your approval. 🎉');
    expect(approvalsList({ ...ZH, page: page([]) }).text).toBe('目前沒有等待您審批的事項。🎉');
  });

  it('fits a full page of long requests in one message', () => {
    const tasks = Array.from({ length: APPROVALS_PAGE_SIZE }, (_, i) =>
      leaveTask({ taskId: i + 1, instance: leaveRequest({ subject: { en: 'S'.repeat(4000), zh: '假' } }) }),
    );
    expect(messageProblems(approvalsList({ ...EN, page: page(tasks, 100) }))).toEqual([]);
  });
});
