import { messageBlockProblems } from '@gongwu/slack-emulator';
import type { InstanceStatus, TaskStatus } from '../../../../src/domain/workflows/model';
import type { InstanceView, RevisionView, StepView } from '../../../../src/domain/workflows/view-types';
import { translator } from '../../../../src/slack/i18n';
import { trackingCard } from '../../../../src/slack/views/workflows/tracking-card.view';

const bob = { personId: 2, slackUserId: 'U01BOB000', name: 'Bob Wang' };

function step(revision: number, status: TaskStatus, comment: string | null): StepView {
  const at = `2026-12-0${Math.min(revision, 9)}T02:00:00.000Z`;
  return {
    index: 0,
    key: 'head',
    name: { en: 'Department head', zh: '部門主管' },
    mode: 'one',
    status: status === 'pending' ? 'in_progress' : (status as StepView['status']),
    approvers: [bob],
    fallback: null,
    tasks: [
      {
        taskId: revision,
        assignee: bob,
        onBehalfOf: null,
        delegationId: null,
        status,
        createdAt: at,
        decidedAt: status === 'pending' ? null : at,
        comment,
        dueAt: null,
        escalatedAt: null,
        autoHandling: null,
        card: null,
      },
    ],
  };
}

/** A leave request whose earlier revisions were each rejected with `reasons[i]`. */
function revised(reasons: string[], current: { status: TaskStatus; comment: string | null }): InstanceView {
  const revisions: RevisionView[] = reasons.map((reason, index) => ({
    revision: index + 1,
    submittedAt: '2026-12-01T01:00:00.000Z',
    fields: [],
    steps: [step(index + 1, 'rejected', reason)],
    outcome: 'rejected',
  }));
  const last = reasons.length + 1;
  const status: InstanceStatus = current.status === 'pending' ? 'in_review' : 'approved';
  const steps = [step(last, current.status, current.comment)];
  revisions.push({
    revision: last,
    submittedAt: '2026-12-02T01:00:00.000Z',
    fields: [],
    steps,
    outcome: null,
  });
  return {
    id: 1,
    reference: 'LV-2026-0001',
    template: { key: 'leave', version: 1, title: { en: 'Leave', zh: '請假' }, prefix: 'LV' },
    subject: { en: 'Annual leave', zh: '特休' },
    status,
    revision: last,
    requester: { personId: 5, slackUserId: 'U01EVAN00', name: 'Evan Lee', department: null },
    fields: [],
    departmentNames: {},
    values: {},
    steps,
    currentStepIndex: 0,
    stepCount: 1,
    cc: [],
    createdAt: '2026-12-01T01:00:00.000Z',
    updatedAt: '2026-12-02T01:00:00.000Z',
    decidedAt: null,
    documentNumber: null,
    comments: [],
    revisions,
    history: [],
    card: null,
  };
}

const render = (instance: InstanceView, locale: 'en' | 'zh-TW' = 'en') =>
  trackingCard({ t: translator(locale), locale, timezone: 'UTC', instance, forRequester: true });
const textOf = (card: ReturnType<typeof render>) => JSON.stringify(card.blocks);

describe('the tracking card after a resubmission (issue 13 item 10)', () => {
  it('shows the earlier revision’s rejection, grouped by revision, in either language', () => {
    const instance = revised(['Month-end closing'], { status: 'pending', comment: null });
    const en = textOf(render(instance));
    expect(en).toContain('_Revision 1_ · ❌ Rejected');
    expect(en).toContain('rejected by <@U01BOB000>');
    expect(en).toContain('Month-end closing');
    expect(en).toContain('_Revision 2 (current)_');
    const zh = textOf(render(instance, 'zh-TW'));
    expect(zh).toContain('_第 1 版_ · ❌ 已駁回');
    expect(zh).toContain('Month-end closing');
  });

  it('keeps the current round whole and drops the oldest lines when the history is long', () => {
    const reasons = Array.from({ length: 12 }, (_, i) => `Reason ${i + 1}: ${'x'.repeat(400)}`);
    const card = render(revised(reasons, { status: 'approved', comment: null }));
    expect(messageBlockProblems(card.blocks)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Reason 12:');
    expect(text).not.toContain('Reason 1:');
    expect(text).toContain('approved by <@U01BOB000>');
  });

  it('a request never revised has no revision headings', () => {
    const text = textOf(render(revised([], { status: 'approved', comment: null })));
    expect(text).not.toContain('Revision');
    expect(text).not.toContain('Earlier revisions');
  });
});

describe('an approval’s opinion (issue 13 item 26)', () => {
  it('is on the timeline with the approval', () => {
    const text = textOf(render(revised([], { status: 'approved', comment: 'Agreed <!channel>' })));
    expect(text).toContain('approved by <@U01BOB000>');
    expect(text).toContain('Agreed &lt;!channel&gt;');
  });
});
