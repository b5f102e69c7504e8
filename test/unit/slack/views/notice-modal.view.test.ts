import { context } from '../../../../src/slack/views/blocks';
import { noticeModal } from '../../../../src/slack/views/workflows/notice-modal.view';
import { EN, modalProblems, textOf, ZH } from '../../../support/views';

describe('noticeModal', () => {
  it('shows the reply under a "Not sent" title with Close only, in either language', () => {
    const en = noticeModal(EN.t, { text: 'The form has expired.' });
    expect(en.title.text).toBe('Not sent');
    expect(en.close?.text).toBe('Close');
    expect(en.submit).toBeUndefined();
    expect(textOf(en.blocks)).toBe('The form has expired.');
    const zh = noticeModal(ZH.t, { text: '表單已過期。' });
    expect([zh.title.text, zh.close?.text]).toEqual(['未送出', '關閉']);
  });

  it('keeps the reply’s own blocks when it has them', () => {
    const blocks = [context('with a button elsewhere')];
    expect(noticeModal(EN.t, { text: 'ignored', blocks }).blocks).toBe(blocks);
  });

  it('cuts a long text to one section Slack accepts', () => {
    const view = noticeModal(EN.t, { text: 'y'.repeat(4000) });
    expect(modalProblems(view)).toEqual([]);
    expect(textOf(view.blocks).length).toBeLessThanOrEqual(3000);
  });
});
