import { REASON_MAX_LENGTH, reasonModal } from '../../../../src/slack/views/workflows/reason-modal.view';
import { EN, modalProblems, textOf, ZH } from '../../../support/views';

describe('reasonModal', () => {
  it('asks a rejection for a reason the requester will see, in either language', () => {
    const en = reasonModal(EN.t, { kind: 'reject', taskId: 77 });
    expect(en.callback_id).toBe('wf_reason_form');
    expect(JSON.parse(en.private_metadata!)).toEqual({ kind: 'reject', taskId: 77 });
    expect(textOf(en.blocks)).toContain(
      'Reason\nThe requester sees this and can revise the request accordingly.',
    );
    expect(en.submit?.text).toBe('Send');
    expect(textOf(reasonModal(ZH.t, { kind: 'reject', taskId: 77 }).blocks)).toContain('理由');
  });

  it('asks an approval for an opinion and submits as Approve', () => {
    const en = reasonModal(EN.t, { kind: 'approve', taskId: 77 });
    expect([en.title.text, en.submit?.text]).toEqual(['Approve with comment', 'Approve']);
    expect(textOf(en.blocks)).toMatch(/^Your opinion\n/);
    const zh = reasonModal(ZH.t, { kind: 'approve', taskId: 77 });
    expect([zh.title.text, zh.submit?.text]).toEqual(['附意見同意', '同意']);
  });

  it('asks a transfer for the person first, then the reason', () => {
    const view = reasonModal(EN.t, { kind: 'transfer', taskId: 77 });
    expect(view.blocks.map((b) => b.block_id)).toEqual(['wf_transfer_to', 'wf_reason']);
    expect(textOf(view.blocks)).toMatch(/^Who should decide instead\?\nReason/);
    expect(textOf(reasonModal(ZH.t, { kind: 'transfer', taskId: 77 }).blocks)).toMatch(/^改由誰決定？/);
  });

  it('carries the list to refresh and caps the text at the reason limit', () => {
    const view = reasonModal(EN.t, { kind: 'comment', instanceId: 41 }, 'https://hooks.slack.test/r/1');
    expect(JSON.parse(view.private_metadata!)).toEqual({
      kind: 'comment',
      instanceId: 41,
      listUrl: 'https://hooks.slack.test/r/1',
    });
    expect(JSON.stringify(view.blocks)).toContain(`"max_length":${REASON_MAX_LENGTH}`);
    expect(modalProblems(view)).toEqual([]);
  });
});
