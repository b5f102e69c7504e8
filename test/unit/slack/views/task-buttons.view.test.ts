import { taskButtons } from '../../../../src/slack/views/workflows/task-buttons.view';
import { decisionButtons } from '../../../support/view-fixtures';
import { buttonsOf, EN, ZH } from '../../../support/views';

describe('taskButtons', () => {
  it('carries the task id on decisions and the request id on Comment and Details', () => {
    const block = taskButtons(EN.t, 77, 41);
    expect(block.block_id).toBe('wf_task_actions:77');
    expect(buttonsOf(block).map((b) => [b.actionId, b.value])).toEqual(decisionButtons(77, 41));
  });

  it('labels them in the reader’s language, Approve primary and Reject danger', () => {
    expect(buttonsOf(taskButtons(EN.t, 1, 2)).map((b) => b.label)).toEqual([
      'Approve',
      'Approve with comment…',
      'Reject',
      'Return',
      'Transfer',
      'Comment',
      'Details',
    ]);
    const zh = buttonsOf(taskButtons(ZH.t, 1, 2));
    expect(zh.map((b) => b.label)).toEqual([
      '同意',
      '附意見同意…',
      '駁回',
      '退回修改',
      '轉交',
      '評論',
      '詳情',
    ]);
    expect(zh.map((b) => b.style)).toEqual([
      'primary',
      undefined,
      'danger',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
