import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type {
  AwayStatus,
  DelegationView,
  HandOverResult,
  SetAwayResult,
} from '../../../domain/workflows/delegation.service';
import type { InstanceView, TaskView } from '../../../domain/workflows/view-types';
import type { WorkflowError } from '../../../domain/workflows/workflow-errors';
import type { Translate } from '../../i18n';
import type { Reply } from '../../replies';
import { context, divider, escapeMrkdwn, section } from '../blocks';
import { formatDateTime, localized } from '../format';
import { personName } from './request-fields';
import { taskButtons } from './task-buttons.view';

/**
 * What delegation while away shows: the replies to `/oa away`, the hand-over button and its
 * answer, the FYI to the absent approver, and the notes that cards add for delegated tasks.
 */

/** The hand-over button; its value is the delegation id (only a claim: the engine checks it). */
export const HAND_OVER_ACTION_ID = 'wf_away_handover';

interface ViewProps {
  t: Translate;
  locale: Locale;
  timezone: string;
}

const line = (t: Translate, d: DelegationView) =>
  t('away.status.line', { from: d.startDate, to: d.endDate, delegate: personName(d.delegate) }) +
  (d.note ? ` — ${escapeMrkdwn(d.note)}` : '');

function handOverOffer(
  t: Translate,
  status: AwayStatus,
  delegation: DelegationView | undefined,
): KnownBlock[] {
  if (!delegation || status.pendingHeld === 0) return [];
  const count = status.pendingHeld;
  const name = delegation.delegate.name;
  return [
    section(t('away.handover.offer', { count, delegate: personName(delegation.delegate) })),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: HAND_OVER_ACTION_ID,
          value: String(delegation.id),
          style: 'primary',
          text: { type: 'plain_text', text: t('away.handover.button', { count, name }).slice(0, 75) },
          confirm: {
            title: { type: 'plain_text', text: t('away.handover.confirm.title') },
            text: { type: 'plain_text', text: t('away.handover.confirm.text', { name }) },
            confirm: { type: 'plain_text', text: t('away.handover.confirm.yes') },
            deny: { type: 'plain_text', text: t('away.handover.confirm.no') },
          },
        },
      ],
    },
  ];
}

function delegatedTasks(props: ViewProps, status: AwayStatus): KnownBlock[] {
  if (status.delegatedCount === 0) return [];
  const { t, locale } = props;
  const blocks: KnownBlock[] = [
    divider(),
    section(t('away.status.delegatedTitle', { count: status.delegatedCount })),
  ];
  for (const task of status.delegatedTasks) {
    const { instance } = task;
    blocks.push(
      section(
        `*${escapeMrkdwn(localized(instance.template.title, locale))} · ${instance.reference}* — ${personName(instance.requester)}` +
          `\n→ ${personName(task.assignee)}`,
      ),
      taskButtons(t, task.taskId, instance.id),
    );
  }
  const more = status.delegatedCount - status.delegatedTasks.length;
  if (more > 0) blocks.push(context(t('away.status.more', { count: more })));
  return blocks;
}

/** `/oa away` with nothing else: the delegations, whom the person covers for, and their tasks. */
export function awayStatusReply(props: ViewProps, status: AwayStatus): Reply {
  const { t } = props;
  const lines: string[] = [];
  if (status.delegations.length === 0) lines.push(t('away.status.none'));
  else lines.push(t('away.status.title'), ...status.delegations.map((d) => line(t, d)));
  if (status.coveringFor.length > 0)
    lines.push(
      '',
      t('away.status.coveringTitle'),
      ...status.coveringFor.map((d) =>
        t('away.status.coveringLine', { person: personName(d.person), from: d.startDate, to: d.endDate }),
      ),
    );
  const text = lines.join('\n');
  return {
    text,
    blocks: [
      section(text),
      ...handOverOffer(t, status, status.delegations[0]),
      ...delegatedTasks(props, status),
      context(t('usage.away')),
    ],
  };
}

/** The answer to `/oa away <from> <to> @delegate [note]`, with the hand-over offer. */
export function awaySetReply(props: ViewProps, result: SetAwayResult): Reply {
  const { t } = props;
  const { delegation } = result;
  const lines = [
    t('away.set.done', {
      from: delegation.startDate,
      to: delegation.endDate,
      delegate: personName(delegation.delegate),
    }),
  ];
  if (delegation.note) lines.push(t('away.set.note', { note: escapeMrkdwn(delegation.note) }));
  if (result.startsToday) lines.push(t('away.set.startsToday'));
  for (const old of result.replaced)
    lines.push(
      t('away.set.replaced', { delegate: personName(old.delegate), from: old.startDate, to: old.endDate }),
    );
  for (const covering of result.status.coveringFor)
    if (covering.startDate <= delegation.endDate && covering.endDate >= delegation.startDate)
      lines.push(
        t('away.set.covering', {
          person: personName(covering.person),
          from: covering.startDate,
          to: covering.endDate,
        }),
      );
  const text = lines.join('\n');
  return { text, blocks: [section(text), ...handOverOffer(t, result.status, delegation)] };
}

export function awayOffReply(t: Translate, stillWithDelegate: number): Reply {
  const text = [
    t('away.off.done'),
    ...(stillWithDelegate > 0 ? [t('away.off.still', { count: stillWithDelegate })] : []),
  ].join('\n');
  return { text };
}

export function handOverReply(t: Translate, result: HandOverResult): string {
  const delegate = personName(result.delegate);
  const lines =
    result.handedOver.length > 0
      ? [t('away.handover.done', { delegate, references: result.handedOver.join(', ') })]
      : result.skipped.length === 0
        ? [t('away.handover.nothing')]
        : [];
  if (result.skipped.length > 0) {
    const list = result.skipped.map(({ reference, why }) =>
      why === 'requester' || why === 'already_approver' || why === 'delegated_to_you'
        ? t(`away.handover.why.${why}`, { reference })
        : reference,
    );
    lines.push(t('away.handover.kept', { list: list.join(', ') }));
  }
  return lines.join('\n');
}

/** The FYI to the absent approver: where their task went; the buttons while it is still pending. */
export function delegatedFyi(props: ViewProps & { task: TaskView }): { text: string; blocks: KnownBlock[] } {
  const { t, locale, task } = props;
  const vars = {
    title: escapeMrkdwn(localized(task.instance.template.title, locale)),
    reference: task.instance.reference,
    requester: personName(task.instance.requester),
    delegate: personName(task.assignee),
  };
  if (task.status !== 'pending') {
    const text = t('away.fyi.closed', vars);
    return { text, blocks: [section(text)] };
  }
  const text = t('away.fyi', vars);
  return { text, blocks: [section(text), taskButtons(t, task.taskId, task.instance.id)] };
}

/** The card's "on behalf of" line: a delegate's (the approver is away) or a transfer's. */
export function onBehalfOfLine(
  t: Translate,
  task: Pick<TaskView, 'onBehalfOf' | 'delegationId'>,
): string | null {
  if (!task.onBehalfOf) return null;
  const name = personName(task.onBehalfOf);
  return task.delegationId === null ? t('wf.card.onBehalfOf', { name }) : t('away.card.onBehalfOf', { name });
}

/** For a delegated task that the absent approver decided themselves: what the delegate's card says. */
export function decidedByAbsent(props: ViewProps & { task: TaskView }): string | null {
  const { t, locale, timezone, task } = props;
  if (task.delegationId === null || !task.onBehalfOf) return null;
  if (task.status !== 'approved' && task.status !== 'rejected' && task.status !== 'returned') return null;
  const event = [...task.instance.history]
    .reverse()
    .find((e) => e.taskId === task.taskId && e.kind === task.status);
  if (!event?.actor || event.actor.personId !== task.onBehalfOf.personId) return null;
  const reason = task.comment ? `\n> ${escapeMrkdwn(task.comment)}` : '';
  return (
    t('away.task.decidedByAbsent', {
      name: personName(task.onBehalfOf),
      time: formatDateTime(event.at, locale, timezone),
      decision: t(`wf.decision.${task.status}`),
    }) + reason
  );
}

/** A task handed over to the holder's delegate (the transfer's history line carries the delegation). */
export function handOverOf(
  instance: InstanceView,
  taskId: number,
): { delegate: { name: string; slackUserId: string | null }; at: string } | null {
  const event = [...instance.history]
    .reverse()
    .find((e) => e.kind === 'transferred' && e.taskId === taskId && e.data.delegationId !== undefined);
  if (!event) return null;
  const newTaskId = event.data.newTaskId;
  const next = instance.revisions
    .flatMap((revision) => revision.steps.flatMap((step) => step.tasks))
    .find((task) => task.taskId === newTaskId);
  return next ? { delegate: next.assignee, at: event.at } : null;
}

const REFUSALS = [
  'end_before_start',
  'already_over',
  'too_long',
  'self',
  'delegate_unknown',
  'delegate_suspended',
  'delegate_guest',
  'delegate_away',
  'not_away',
  'handover_not_yours',
  'handover_over',
] as const;

/** A `delegation_refused` refusal in the reader's words, with its names and dates. */
export function delegationRefusalText(t: Translate, error: WorkflowError): string {
  const why = REFUSALS.find((reason) => reason === error.details.why);
  if (!why) return t('wf.error.delegation_refused', { why: escapeMrkdwn(String(error.details.why ?? '')) });
  const vars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error.details))
    vars[key] = typeof value === 'string' ? escapeMrkdwn(value) : value;
  // An unknown delegate is known only by the Slack id that was mentioned.
  if (why === 'delegate_unknown') vars.who = `<@${String(error.details.who)}>`;
  return t(`away.error.${why}`, vars);
}
