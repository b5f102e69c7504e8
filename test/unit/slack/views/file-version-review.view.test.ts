import { approvalCard } from '../../../../src/slack/views/workflows/approval-card.view';
import { leaveRequest, leaveTask } from '../../../support/view-fixtures';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

/** A file version review's task, its form as the file library fills it. */
function reviewTask() {
  const values = {
    title: '差勤管理要點 <!channel>',
    reference: 'FILE-2026-0042',
    label: '1.1',
    change_note: 'Flexible hours added',
    previous_label: '1.0',
    file_name: 'rules-1.1.pdf',
  };
  const template = {
    key: 'file_version',
    version: 1,
    title: { en: 'File version review', zh: '文件版本審核' },
    prefix: 'FVR',
  };
  return leaveTask({ instance: leaveRequest({ template, values }) });
}

describe('the approval card of a file version review', () => {
  it('shows title, reference, new label, change note and a Download of that version, in either language', () => {
    const en = approvalCard({ ...EN, task: reviewTask() });
    const text = textOf(en.blocks);
    expect(text).toContain('FILE-2026-0042');
    expect(text).toContain('New version: *1.1* · current: 1.0');
    expect(text).toContain('Flexible hours added');
    expect(text).toContain('rules-1.1.pdf');
    // A title cannot mention the channel.
    expect(text).not.toContain('<!channel>');
    const download = buttonsOf(en.blocks).find((button) => button.actionId === 'file_download');
    expect(download).toMatchObject({ value: 'FILE-2026-0042@1.1', label: 'Download 1.1' });
    expect(buttonsOf(en.blocks).map((button) => button.actionId)).toContain('wf_approve');
    expect(messageProblems(en)).toEqual([]);
    const zh = textOf(approvalCard({ ...ZH, task: reviewTask() }).blocks);
    expect(zh).toContain('新版本：*1.1* · 現行版本：1.0');
    expect(zh).toContain('修訂說明');
  });
});
