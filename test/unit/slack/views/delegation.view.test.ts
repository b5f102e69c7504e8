import type { AwayStatus, DelegationView } from '../../../../src/domain/workflows/delegation.service';
import { WorkflowError } from '../../../../src/domain/workflows/workflow-errors';
import {
  awayOffReply,
  awaySetReply,
  awayStatusReply,
  delegatedFyi,
  delegationRefusalText,
  HAND_OVER_ACTION_ID,
  handOverReply,
} from '../../../../src/slack/views/workflows/delegation.view';
import { BOB, EVAN, leaveTask } from '../../../support/view-fixtures';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

const trip: DelegationView = {
  id: 3,
  person: EVAN,
  delegate: BOB,
  startDate: '2026-12-07',
  endDate: '2026-12-11',
  note: 'Trip <to Tainan>',
  createdAt: '2026-12-01T00:00:00.000Z',
};
const status = (overrides: Partial<AwayStatus> = {}): AwayStatus => ({
  today: '2026-12-05',
  delegations: [trip],
  coveringFor: [],
  pendingHeld: 2,
  delegatedCount: 1,
  delegatedTasks: [leaveTask({ assignee: BOB })],
  ...overrides,
});

describe('awayStatusReply', () => {
  it('lists the delegations with the note escaped, in either language', () => {
    expect(awayStatusReply(EN, status()).text).toBe(
      '*Your delegations*\n• 2026-12-07 – 2026-12-11: <@U01BOB000> — Trip &lt;to Tainan&gt;',
    );
    expect(awayStatusReply(ZH, status()).text).toBe(
      '*您的代理設定*\n• 2026-12-07 – 2026-12-11：<@U01BOB000> — Trip &lt;to Tainan&gt;',
    );
  });

  it('offers to hand over the pending tasks, and shows the delegated ones with their buttons', () => {
    const reply = awayStatusReply(EN, status());
    const buttons = buttonsOf(reply.blocks);
    expect(buttons[0]).toMatchObject({
      actionId: HAND_OVER_ACTION_ID,
      value: '3',
      label: 'Hand over 2 to Bob Wang',
    });
    expect(buttons.slice(1).map((b) => [b.actionId, b.value])).toContainEqual(['wf_approve', '77']);
    expect(textOf(reply.blocks)).toContain('*Leave · LV-2026-0041* — <@U01EVAN00>\n→ <@U01BOB000>');
    expect(buttonsOf(awayStatusReply(ZH, status()).blocks)[0]?.label).toBe('移交 2 件給 Bob Wang');
  });

  it('offers nothing to hand over when nothing is held', () => {
    const reply = awayStatusReply(EN, status({ pendingHeld: 0, delegatedCount: 0, delegatedTasks: [] }));
    expect(buttonsOf(reply.blocks)).toEqual([]);
    expect(messageProblems({ blocks: reply.blocks! })).toEqual([]);
  });
});

describe('the other away replies', () => {
  it('confirms a new delegation with its note and a start moved to today', () => {
    const reply = awaySetReply(EN, { delegation: trip, replaced: [], startsToday: true, status: status() });
    expect(reply.text).toContain(
      '✅ From 2026-12-07 to 2026-12-11, new approvals for you go to <@U01BOB000>',
    );
    expect(reply.text).toContain('The start date was in the past, so the delegation starts today.');
    expect(
      awaySetReply(ZH, { delegation: trip, replaced: [], startsToday: false, status: status() }).text,
    ).toBe(
      '✅ 自 2026-12-07 至 2026-12-11，您的新審批將由 <@U01BOB000> 代理。每件都會知會您，您仍可親自決定。\n給代理人的備註：Trip &lt;to Tainan&gt;',
    );
  });

  it('ends a delegation and says what stays with the delegate', () => {
    expect(awayOffReply(EN.t, 0).text).toBe('Your delegation has ended: new approvals come to you again.');
    expect(awayOffReply(ZH.t, 2).text).toContain('已交給代理人的 2 件仍由其處理');
  });

  it('answers a hand-over with what moved and what stayed and why', () => {
    const result = {
      delegate: BOB,
      handedOver: ['LV-1'],
      skipped: [{ reference: 'LV-2', why: 'requester' }],
    };
    expect(handOverReply(EN.t, result)).toBe(
      '✅ Handed over to <@U01BOB000>: LV-1.\nKept with you: LV-2 (they requested it).',
    );
    expect(handOverReply(ZH.t, result)).toBe(
      '✅ 已移交給 <@U01BOB000>：LV-1。\n仍由您處理：LV-2（申請人即代理人）。',
    );
  });

  it('tells the absent approver where the task went, with the buttons while pending', () => {
    const fyi = delegatedFyi({ ...EN, task: leaveTask({ assignee: BOB }) });
    expect(fyi.text).toMatch(
      /^📨 You are away: \*Leave\* \(LV-2026-0041\) from <@U01EVAN00> went to <@U01BOB000>/,
    );
    expect(buttonsOf(fyi.blocks).map((b) => b.actionId)).toContain('wf_approve');
    const closed = delegatedFyi({ ...ZH, task: leaveTask({ assignee: BOB, status: 'approved' }) });
    expect(buttonsOf(closed.blocks)).toEqual([]);
  });

  it('words a refusal with its details, an unknown delegate as a mention', () => {
    const unknown = new WorkflowError('delegation_refused', { why: 'delegate_unknown', who: 'U0NOBODY' });
    expect(delegationRefusalText(EN.t, unknown)).toBe(
      '<@U0NOBODY> is not registered on the platform, so they can’t approve for you.',
    );
    expect(delegationRefusalText(ZH.t, unknown)).toBe('<@U0NOBODY> 尚未在平臺註冊，無法代您審批。');
  });
});
