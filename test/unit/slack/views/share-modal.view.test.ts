import type { StoredFile } from '../../../../src/domain/files/store';
import { fileSummaryCard } from '../../../../src/slack/views/files/file-summary.view';
import { shareModal } from '../../../../src/slack/views/files/share-modal.view';
import { buttonsOf, EN, messageProblems, modalProblems, textOf, ZH } from '../../../support/views';

const file = {
  id: 1,
  reference: 'FILE-2026-0042',
  title: '年度預算報告'.repeat(30),
  scope: { everyone: false, departmentIds: [], includeSubDepartments: false, personIds: [], channelIds: [] },
} as unknown as StoredFile;

describe('the Share modal and the compact card', () => {
  it.each([EN, ZH])('stay within Block Kit’s limits; only owners get the scope checkbox (%#)', (reader) => {
    const owner = shareModal(reader.t, { file, owner: true });
    const reading = shareModal(reader.t, { file, owner: false });
    expect(modalProblems(owner)).toEqual([]);
    expect(modalProblems(reading)).toEqual([]);
    expect(JSON.stringify(owner)).toContain('file_share_scope');
    expect(JSON.stringify(reading)).not.toContain('file_share_scope');
    expect(JSON.parse(owner.private_metadata ?? '{}')).toEqual({ reference: 'FILE-2026-0042' });
    const card = fileSummaryCard(reader.t, {
      file,
      current: { label: '1.1' } as never,
      sharedBy: 'U01GRACE0',
    });
    expect(messageProblems(card)).toEqual([]);
    expect(buttonsOf(card.blocks).map((button) => [button.actionId, button.value])).toEqual([
      ['file_download', 'FILE-2026-0042'],
      ['file_share', 'FILE-2026-0042'],
    ]);
    expect(textOf(card.blocks)).toContain('<@U01GRACE0>');
  });
});
