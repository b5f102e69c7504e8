import type { AnnouncementContent } from '../../../../src/domain/announcements';
import { toReviewValues } from '../../../../src/domain/announcements/review-form';
import { reviewPreviewBlocks } from '../../../../src/slack/views/announcements/review-preview.view';
import { leaveRequest, leaveTask, officeMove } from '../../../support/view-fixtures';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

/** An announcement review's task, its form written as the announcement feature writes it. */
function reviewTask(content: Partial<AnnouncementContent>, previous: AnnouncementContent | null = null) {
  const values = toReviewValues({
    reference: 'ANN-2026-0007',
    change: previous ? 'correction' : 'new',
    content: officeMove({}, content).content,
    publisherReview: false,
    previous,
  });
  const template = {
    key: 'announcement',
    version: 1,
    title: { en: 'Announcement', zh: '公告' },
    prefix: 'AR',
  };
  const departmentNames = { 'general-office': { en: 'General Office', zh: '綜合辦公室' } };
  return leaveTask({ instance: leaveRequest({ template, values, departmentNames }) });
}

describe('reviewPreviewBlocks', () => {
  it('shows where and when it goes, then the message exactly as posted, in either language', () => {
    const en = reviewPreviewBlocks({ ...EN, task: reviewTask({}) });
    const text = textOf(en);
    expect(text).toMatch(
      /^\*Posted to\* <#C0GENERAL> · as soon as approved\n\*Preview — exactly as it will be posted:\*/,
    );
    expect(text).toContain('We move to *Floor 5* on Monday.');
    expect(text).toMatch(/— end of preview —$/);
    const zh = textOf(reviewPreviewBlocks({ ...ZH, task: reviewTask({}) }));
    expect(zh).toMatch(/^\*發布到\* <#C0GENERAL> · 核准後立即/);
    expect(zh).toContain('— 預覽結束 —');
  });

  it('offers a preview Acknowledge that records nothing', () => {
    expect(buttonsOf(reviewPreviewBlocks({ ...EN, task: reviewTask({}) })).map((b) => b.actionId)).toEqual([
      'announcement_ack_preview',
    ]);
  });

  it('names the departments of a DM audience in the reader’s language', () => {
    const restricted = {
      channelIds: [],
      audience: 'departments' as const,
      departmentKeys: ['general-office'],
    };
    expect(textOf(reviewPreviewBlocks({ ...ZH, task: reviewTask(restricted) }))).toContain('綜合辦公室');
    expect(textOf(reviewPreviewBlocks({ ...EN, task: reviewTask(restricted) }))).toContain('General Office');
  });

  it('lists what a correction changes, and stays within Block Kit limits', () => {
    const before = officeMove({}, { title: 'Office relocation' }).content;
    const blocks = reviewPreviewBlocks({ ...EN, task: reviewTask({ body: 'B'.repeat(3000) }, before) });
    expect(textOf(blocks)).toContain(
      '*Correction of ANN-2026-0007: what changes*\n*Title*\n~Office relocation~\n→ Office move',
    );
    expect(messageProblems({ blocks })).toEqual([]);
    const zh = textOf(reviewPreviewBlocks({ ...ZH, task: reviewTask({}, before) }));
    expect(zh).toContain('*ANN-2026-0007 的更正：變更內容*\n*標題*');
  });
});
