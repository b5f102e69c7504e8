import { messageBlockProblems, viewProblems } from '@gongwu/slack-emulator';
import type { SlackFileRef } from '../../../../src/domain/workflows/model';
import type { FieldView } from '../../../../src/domain/workflows/view-types';
import { translator } from '../../../../src/slack/i18n';
import { formatSize } from '../../../../src/slack/views/files/file-format';
import { approvalCard } from '../../../../src/slack/views/workflows/approval-card.view';
import { attachmentBlocks } from '../../../../src/slack/views/workflows/attachments.view';
import { detailsModal } from '../../../../src/slack/views/workflows/details-modal.view';
import { trackingCard } from '../../../../src/slack/views/workflows/tracking-card.view';
import { leaveRequest, leaveTask } from '../../../support/view-fixtures';

const en = translator('en');
const zh = translator('zh-TW');

const stored = (n: number): SlackFileRef => ({
  id: `F0FILE${String(n).padStart(4, '0')}`,
  name: `scan-${n}.pdf`,
  stored: { reference: `FILE-2026-${String(n).padStart(4, '0')}`, size: 1536 * n },
});

const field = (files: SlackFileRef[]): FieldView => ({
  id: 'attachments',
  type: 'files',
  label: { en: 'Attachments', zh: '附件' },
  value: files,
  display: { en: files.map((f) => f.name).join(', '), zh: files.map((f) => f.name).join(', ') },
});

const buttons = (blocks: unknown[]) =>
  blocks.flatMap((block) => {
    const accessory = (block as { accessory?: { action_id: string; value: string } }).accessory;
    return accessory ? [accessory] : [];
  });

describe('attachments on cards and Details', () => {
  it('one line per file, reference · name · size, with a file_download button carrying the reference', () => {
    const blocks = attachmentBlocks(en, 'en', { fields: [field([stored(1), stored(2)])] });
    expect(JSON.stringify(blocks)).toContain('`FILE-2026-0001` · scan-1.pdf · 1.5 KB');
    expect(buttons(blocks)).toEqual([
      expect.objectContaining({ action_id: 'file_download', value: 'FILE-2026-0001' }),
      expect.objectContaining({ action_id: 'file_download', value: 'FILE-2026-0002' }),
    ]);
  });

  it('a refused file says why, a pending one says it is on its way; neither has a button', () => {
    const files: SlackFileRef[] = [
      { id: 'F0BAD00001', name: 'tool.exe', refused: 'type_not_allowed' },
      { id: 'F0WAIT0001', name: 'later.pdf' },
    ];
    const english = JSON.stringify(attachmentBlocks(en, 'en', { fields: [field(files)] }));
    expect(english).toContain('tool.exe · ⛔ refused: this type of file is not accepted');
    expect(english).toContain('later.pdf · ⏳ being stored');
    const chinese = JSON.stringify(attachmentBlocks(zh, 'zh-TW', { fields: [field(files)] }));
    expect(chinese).toContain('*附件*');
    expect(chinese).toContain('tool.exe · ⛔ 未收存：不接受此類型的檔案');
    expect(buttons(attachmentBlocks(en, 'en', { fields: [field(files)] }))).toEqual([]);
  });

  it('a card gives five files a button and lists the rest; Details gives every file one; both within Slack’s limits', () => {
    const ten = Array.from({ length: 10 }, (_, i) => stored(i + 1));
    const instance = leaveRequest({ fields: [field(ten)], values: { attachments: ten } });
    const card = trackingCard({ t: en, locale: 'en', timezone: 'Asia/Taipei', instance, forRequester: true });
    expect(buttons(card.blocks)).toHaveLength(5);
    expect(JSON.stringify(card.blocks)).toContain('and 5 more');
    expect(JSON.stringify(card.blocks)).toContain('FILE-2026-0010');
    expect(messageBlockProblems(card.blocks)).toEqual([]);
    const approval = approvalCard({
      t: en,
      locale: 'en',
      timezone: 'Asia/Taipei',
      task: leaveTask({ instance }),
    });
    expect(buttons(approval.blocks).filter((b) => b.action_id === 'file_download')).toHaveLength(5);
    expect(messageBlockProblems(approval.blocks)).toEqual([]);
    const details = detailsModal({ t: en, locale: 'en', timezone: 'Asia/Taipei' } as never, instance);
    expect(buttons(details.blocks)).toHaveLength(10);
    expect(viewProblems(details, 'modal')).toEqual([]);
  });

  it('sizes read as people read them', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
  });
});
