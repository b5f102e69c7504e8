import {
  escalationMessage,
  messageLink,
  reminderMessage,
} from '../../../../src/slack/views/workflows/deadline-messages.view';
import { decisionButtons, leaveTask } from '../../../support/view-fixtures';
import { buttonsOf, EN, textOf, ZH } from '../../../support/views';

const beforeDue = new Date('2026-12-01T05:00:00Z');
const afterDue = new Date('2026-12-03T05:00:00Z');
const card = { channel: 'D0BOB', ts: '1700000000.000100' };

describe('reminderMessage', () => {
  it('reminds before the deadline, links the card and carries its buttons', () => {
    const en = reminderMessage({ ...EN, task: leaveTask({ card }), reason: 'scheduled', now: beforeDue });
    expect(en.text).toBe(
      '⏰ Reminder: *Leave* (LV-2026-0041) from <@U01EVAN00> is waiting for your decision. Due 2026-12-02 17:00.',
    );
    expect(textOf(en.blocks)).toContain(
      '<https://slack.com/archives/D0BOB/p1700000000000100|Open the original card>',
    );
    expect(buttonsOf(en.blocks).map((b) => [b.actionId, b.value])).toEqual(decisionButtons(77, 41));
    const zh = reminderMessage({ ...ZH, task: leaveTask(), reason: 'scheduled', now: beforeDue });
    expect(zh.text).toBe(
      '⏰ 提醒：<@U01EVAN00> 的 *請假*（LV-2026-0041）正等候您審批，期限 2026-12-02 17:00。',
    );
  });

  it('says overdue past the deadline and who asks on a nudge', () => {
    expect(reminderMessage({ ...EN, task: leaveTask(), reason: 'scheduled', now: afterDue }).text).toMatch(
      /^⏰ Overdue: .* was due 2026-12-02 17:00/,
    );
    expect(reminderMessage({ ...ZH, task: leaveTask(), reason: 'scheduled', now: afterDue }).text).toMatch(
      /^⏰ 已逾期：/,
    );
    expect(reminderMessage({ ...EN, task: leaveTask(), reason: 'nudge' }).text).toMatch(
      /^👋 <@U01EVAN00> is asking about \*Leave\*/,
    );
  });

  it('is brought in line once decided: the outcome, no buttons', () => {
    const task = leaveTask({ status: 'approved', decidedAt: '2026-12-01T03:00:00.000Z' });
    const en = reminderMessage({ ...EN, task, reason: 'scheduled' });
    expect(en.text).toBe('✔️ *Leave* (LV-2026-0041) from <@U01EVAN00> no longer waits for your decision.');
    expect(textOf(en.blocks)).toContain('✓ You approved this on 2026-12-01 11:00');
    expect(buttonsOf(en.blocks)).toEqual([]);
    expect(textOf(reminderMessage({ ...ZH, task, reason: 'scheduled' }).blocks)).toContain(
      '✓ 您已於 2026-12-01 11:00 同意',
    );
  });
});

describe('escalationMessage', () => {
  it('tells the next level up, and the requester who was told (names escaped)', () => {
    expect(escalationMessage({ ...EN, task: leaveTask(), audience: 'target', targets: [] }).text).toContain(
      'has been waiting for <@U01BOB000> since 2026-12-01 09:00 (due 2026-12-02 17:00). You are told as the next level up.',
    );
    const requester = escalationMessage({
      ...ZH,
      task: leaveTask(),
      audience: 'requester',
      targets: ['A <b>'],
    });
    expect(requester.text).toBe(
      '⚠ 您的申請 *請假*（LV-2026-0041）在 <@U01BOB000> 處已逾期（期限 2026-12-02 17:00），已通知 A &lt;b&gt;。',
    );
  });
});

it('messageLink opens a message through its archive URL', () => {
  expect(messageLink(card)).toBe('https://slack.com/archives/D0BOB/p1700000000000100');
});
