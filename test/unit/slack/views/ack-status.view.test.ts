import type { StatusResult } from '../../../../src/domain/announcements/acknowledgements';
import { ackStatusMessage } from '../../../../src/slack/views/announcements/ack-status.view';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

type Status = Extract<StatusResult, { outcome: 'ok' }>;
const acked = (name: string, i = 1) => ({ personId: i, slackUserId: `U${i}`, name, ackedAt: new Date() });
const status = (overrides: Partial<Status> = {}): Status => ({
  outcome: 'ok',
  reference: 'ANN-2026-0007',
  title: 'Office move',
  acknowledged: [acked('Alice <Chen>')],
  pending: ['U01BOB000'],
  ...overrides,
});

describe('ackStatusMessage', () => {
  it('counts and names both sides, the pending as mentions, in either language', () => {
    const en = ackStatusMessage(EN.t, status(), 7);
    expect(en.text).toBe('*Office move* (ANN-2026-0007): 1 of 2 acknowledged.');
    expect(textOf(en.blocks)).toContain(
      '*Acknowledged (1):* Alice &lt;Chen&gt;\n*Not yet (1):* <@U01BOB000>',
    );
    const zh = ackStatusMessage(ZH.t, status(), 7);
    expect(zh.text).toBe('*Office move*（ANN-2026-0007）：2 人中已有 1 人確認已讀。');
    expect(textOf(zh.blocks)).toContain('*尚未確認（1）：* <@U01BOB000>');
  });

  it('offers Chase for this announcement while anyone is pending, and not after', () => {
    expect(buttonsOf(ackStatusMessage(EN.t, status(), 7).blocks)).toEqual([
      { actionId: 'announcement_chase', value: '7', label: 'Chase those who have not', style: undefined },
    ]);
    expect(buttonsOf(ackStatusMessage(ZH.t, status(), 7).blocks)[0]?.label).toBe('催讀未確認者');
    expect(buttonsOf(ackStatusMessage(EN.t, status({ pending: [] }), 7).blocks)).toEqual([]);
  });

  it('lists the first 40 names of a large audience and counts the rest', () => {
    const pending = Array.from({ length: 500 }, (_, i) => `U${String(i).padStart(8, '0')}`);
    const message = ackStatusMessage(EN.t, status({ pending }), 7);
    expect(messageProblems(message)).toEqual([]);
    expect(textOf(message.blocks)).toContain('<@U00000039>');
    expect(textOf(message.blocks)).not.toContain('<@U00000040>');
    expect(textOf(message.blocks)).toContain('<@U00000039> … and 460 more');
  });
});
