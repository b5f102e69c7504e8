import type { WebClient } from '@slack/web-api';
import {
  type CardLocation,
  type ClickedCardSide,
  NOTICE_KINDS,
  RetryLaterError,
  UndeliverableError,
} from '../delivery/outbox-courier';
import type { Directory } from '../domain/org/directory.service';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import { DIGEST_FOLLOW_MS } from '../domain/workflows/outbox';
import type { OutboxMessage } from '../domain/workflows/outbox-types';
import type { InstanceView, TaskView } from '../domain/workflows/view-types';
import { findEarlierPost, findEarlierPosts, markMetadata, type PostMark } from './message-dedup';
import { responderFor } from './respond';
import { classifySlackError, isCardGone } from './slack-errors';
import type { UserContext, UserContextResolver } from './user-context';
import { escapeMrkdwn } from './views/blocks';
import { localized } from './views/format';
import { approvalCard } from './views/workflows/approval-card.view';
import { escalationMessage, reminderMessage } from './views/workflows/deadline-messages.view';
import { delegatedFyi } from './views/workflows/delegation.view';
import { dailyDigestMessage, weeklySummaryMessage } from './views/workflows/digest.view';
import { personName } from './views/workflows/request-fields';
import { trackingCard } from './views/workflows/tracking-card.view';

/**
 * Turns an outbox row into Slack calls. Rows hold ids only: every card is rendered from the
 * current state, so a late or repeated delivery shows the truth rather than a stale snapshot.
 */
export function createOutboxNotifier(
  client: WebClient,
  users: UserContextResolver,
  workflows: WorkflowEngine,
  directory: Pick<Directory, 'findPerson'>,
  /** Every notification concerns its recipient's Home tab too (their tasks or requests changed). */
  refreshHome: (slackUserId: string) => void = () => undefined,
) {
  const contextFor = async (slackUserId: string): Promise<UserContext> =>
    users.resolve(slackUserId, await directory.findPerson(slackUserId).catch(() => null));

  /**
   * Posts a new message for an outbox row exactly once. Every post carries the row id as message
   * metadata; when a row is delivered again (the worker died after Slack accepted the post but
   * before the row was marked), the recent DM history is searched for that id first.
   */
  const post = async (
    outbox: OutboxMessage,
    message: { text: string; blocks?: unknown[] },
  ): Promise<CardLocation> => {
    const channel = outbox.recipientSlackId;
    if (outbox.attempts > 1) {
      const earlier = await findEarlierPost(client, channel, outboxMark(outbox.id));
      if (earlier) return earlier;
    }
    const response = await client.chat.postMessage({
      channel,
      ...message,
      metadata: markMetadata(outboxMark(outbox.id)),
    } as Parameters<WebClient['chat']['postMessage']>[0]);
    return { channel: response.channel ?? channel, ts: response.ts ?? '' };
  };

  /**
   * Updates a card in place. A card Slack no longer has (deleted, its conversation gone) or will
   * not let the app edit is posted anew under the row's mark, and `moved` records the new message:
   * retrying the update could never succeed.
   */
  const update = async (
    outbox: OutboxMessage,
    card: { channel: string; ts: string },
    message: { text: string; blocks: unknown[] },
    moved: (location: { channel: string; ts: string }) => Promise<void>,
  ) => {
    try {
      await client.chat.update({ channel: card.channel, ts: card.ts, ...message } as Parameters<
        WebClient['chat']['update']
      >[0]);
    } catch (error) {
      if (!isCardGone(error)) throw error;
      const posted = await post(outbox, message);
      if (posted.channel && posted.ts) await moved({ channel: posted.channel, ts: posted.ts });
    }
  };

  /** Updates a copy in place; one Slack no longer has needs nothing (it offers no button). */
  const updateCopy = async (
    location: { channel: string; ts: string },
    message: { text: string; blocks: unknown[] },
  ) => {
    try {
      await client.chat.update({ ...location, ...message } as Parameters<WebClient['chat']['update']>[0]);
    } catch (error) {
      if (!isCardGone(error)) throw error;
    }
  };

  /**
   * Every other message that offered a decided task's buttons loses them: its reminders and
   * nudges, the FYI to an absent approver, and the approver's digests of the last day (shown as
   * they stand). Each is rendered from the current state, so doing this twice changes nothing.
   */
  async function closeTaskCopies(task: TaskView): Promise<void> {
    if (task.status === 'pending') return;
    for (const copy of await workflows.readTaskCopies(task.instance.id, task.taskId)) {
      const ctx = await contextFor(copy.recipientSlackId);
      const reason = copy.payload.reason === 'nudge' ? 'nudge' : 'scheduled';
      const message =
        copy.kind === 'task_delegated'
          ? delegatedFyi({ ...ctx, task })
          : reminderMessage({ ...ctx, task, reason });
      await updateCopy(copy, message);
    }
    const approver = task.assignee.slackUserId;
    if (!approver) return;
    const digests = await workflows.readDigestsSince(approver, new Date(Date.now() - DIGEST_FOLLOW_MS));
    if (digests.length === 0) return;
    const ctx = await contextFor(approver);
    for (const digest of digests) {
      // As many as the digest itself listed.
      const page = await workflows.readDigestAsOf(
        approver,
        digest.deliveredAt,
        workflows.settings.digests.maxItems,
      );
      if (!page.items.some((item) => item.taskId === task.taskId)) continue;
      await updateCopy(digest, dailyDigestMessage({ ...ctx, page, stillPending: page.stillPending }));
    }
  }

  const renderTracking = (ctx: UserContext, instance: InstanceView) =>
    trackingCard({ t: ctx.t, locale: ctx.locale, timezone: ctx.timezone, instance, forRequester: true });

  const title = (ctx: UserContext, instance: InstanceView) => localized(instance.template.title, ctx.locale);

  /** The sentence of a plain notice (outcome, FYI, comment); undefined when there is nothing to say. */
  function noticeText(ctx: UserContext, message: NoticeMessage, instance: InstanceView): string | undefined {
    switch (message.kind) {
      case 'request_decided': {
        const reason = escapeMrkdwn(lastReason(ctx, instance) ?? '—');
        const vars = { reference: instance.reference, title: title(ctx, instance), reason };
        return ctx.t(`wf.outcome.${message.payload.outcome}`, vars);
      }
      case 'cc_notified':
        return ctx.t('wf.cc.fyi', {
          requester: personName(instance.requester),
          reference: instance.reference,
          title: title(ctx, instance),
          outcome: ctx.t(`wf.cc.outcome.${message.payload.outcome}`),
        });
      case 'comment_added': {
        const comment = instance.comments.find((c) => c.id === message.payload.eventId);
        if (!comment) return undefined;
        return ctx.t('wf.comment.notice', {
          who: personName(comment.author),
          reference: instance.reference,
          title: title(ctx, instance),
          text: escapeMrkdwn(comment.text),
        });
      }
    }
  }

  /**
   * Several notices for one person, waiting together, as one message (oldest first): Slack takes
   * about one message per second in a conversation, and one message reads better than a burst.
   * Its mark covers every row, so a row sent again is found in the history whichever it was.
   */
  async function deliverNotices(group: readonly OutboxMessage[]): Promise<void> {
    const [lead] = group;
    if (!lead) return;
    const ctx = await contextFor(lead.recipientSlackId);
    // Rows tried before may have been sent by a delivery whose outcome was never recorded: one read
    // of the conversation finds them all (history is rate-limited; never one read per row).
    const retried = group.filter((message) => message.attempts > 1).map((message) => message.id);
    const sentBefore = await findEarlierPosts(client, lead.recipientSlackId, OUTBOX_MARK, retried);
    const texts: string[] = [];
    const covered: string[] = [];
    const notices = group.map((message) => {
      if (!isNotice(message)) throw new Error(`an outbox row of kind ${message.kind} is not a notice`);
      return message;
    });
    // The requests they are about, in one read (not one per notice).
    const instances = await workflows.readInstanceViews(
      notices.filter((message) => !sentBefore.has(message.id)).map((message) => message.payload.instanceId),
    );
    for (const message of notices) {
      if (sentBefore.has(message.id)) continue;
      const text = noticeText(ctx, message, instances.get(message.payload.instanceId)!);
      if (text === undefined) continue;
      texts.push(text);
      covered.push(message.id);
    }
    const [first, ...rest] = covered;
    if (first === undefined) return;
    await client.chat.postMessage({
      channel: lead.recipientSlackId,
      text: texts.join('\n\n'),
      metadata: markMetadata({ ...outboxMark(first), covers: rest }),
    } as Parameters<WebClient['chat']['postMessage']>[0]);
  }

  const deliver = async (message: OutboxMessage): Promise<CardLocation> => {
    const card = await asCourierError(() => deliverToSlack(message));
    refreshHome(message.recipientSlackId);
    return card;
  };
  const notices = async (group: readonly OutboxMessage[]): Promise<void> => {
    await asCourierError(() => deliverNotices(group));
    if (group[0]) refreshHome(group[0].recipientSlackId);
  };
  /** The clicked card, replaced through the click's response_url (see OutboxCourier.deliverVia). */
  const clickedCard: ClickedCardSide = {
    readTask: (taskId) => workflows.readTaskView(taskId),
    replace: async (responseUrl, message) => {
      await responderFor(responseUrl)({ replace_original: true, ...message });
    },
  };
  return Object.assign(deliver, { notices, clickedCard });

  async function deliverToSlack(message: OutboxMessage): Promise<CardLocation> {
    const ctx = await contextFor(message.recipientSlackId);
    switch (message.kind) {
      case 'task_assigned': {
        const task = await workflows.readTaskView(message.payload.taskId);
        if (task.card) return {}; // posted already (a repeated delivery): never a second card
        return post(message, approverCard(ctx, task));
      }
      case 'task_decided':
      case 'task_superseded': {
        const task = await workflows.readTaskView(message.payload.taskId);
        // No card yet means the assignment is still on its way; it will render the current state.
        if (task.card)
          await update(message, task.card, approverCard(ctx, task), ({ channel, ts }) =>
            workflows.recordCard({ taskId: task.taskId }, channel, ts),
          );
        await closeTaskCopies(task);
        return {};
      }
      case 'request_updated': {
        const instance = await workflows.readInstanceView(message.payload.instanceId);
        if (!instance.card) {
          // Only the submission posts the tracking card. A later event that finds no card yet is
          // covered by that post, which renders the current state when it is delivered; posting
          // here too could leave two tracking cards when deliveries run side by side.
          const posts = message.payload.event === 'submitted' || message.payload.event === 'resubmitted';
          return posts ? post(message, renderTracking(ctx, instance)) : {};
        }
        await update(message, instance.card, renderTracking(ctx, instance), ({ channel, ts }) =>
          workflows.recordCard({ instanceId: instance.id }, channel, ts),
        );
        return {};
      }
      case 'request_decided':
      case 'cc_notified':
      case 'comment_added': {
        const text = noticeText(ctx, message, await workflows.readInstanceView(message.payload.instanceId));
        if (text !== undefined) await post(message, { text });
        return {};
      }
      case 'task_reminder': {
        const task = await workflows.readTaskView(message.payload.taskId);
        // Decided meanwhile: a reminder would only confuse (the card already says so).
        if (task.status !== 'pending') return {};
        // Where it was posted is recorded: it is brought in line once the task is decided. A
        // decision that committed while it was being posted may have looked for it too early.
        const posted = await post(message, reminderMessage({ ...ctx, task, reason: message.payload.reason }));
        const now = await workflows.readTaskView(message.payload.taskId);
        if (now.status !== 'pending' && posted.channel && posted.ts)
          await updateCopy(
            { channel: posted.channel, ts: posted.ts },
            reminderMessage({ ...ctx, task: now, reason: message.payload.reason }),
          );
        return posted;
      }
      case 'task_escalated': {
        const task = await workflows.readTaskView(message.payload.taskId);
        const event = [...task.instance.history]
          .reverse()
          .find((e) => e.kind === 'escalated' && e.taskId === task.taskId);
        const names = event?.data.targetNames;
        const targets = Array.isArray(names) ? names.map(String) : [];
        await post(message, escalationMessage({ ...ctx, task, audience: message.payload.audience, targets }));
        return {};
      }
      case 'task_delegated': {
        // To the approver who is away; decided meanwhile, it says where it went, without buttons.
        return post(
          message,
          delegatedFyi({ ...ctx, task: await workflows.readTaskView(message.payload.taskId) }),
        );
      }
      case 'daily_digest': {
        // The list as it is now: tasks decided since the digest was queued are not shown.
        const page = await workflows.listPendingTasks(message.recipientSlackId, {
          limit: workflows.settings.digests.maxItems,
        });
        return page.total > 0 ? post(message, dailyDigestMessage({ ...ctx, page })) : {};
      }
      case 'weekly_summary': {
        const summary = await workflows.readOverdueSummary();
        if (summary.total > 0) await post(message, weeklySummaryMessage({ ...ctx, summary }));
        return {};
      }
    }
  }
}

/** The approver's card of a task as it stands, in the approver's language and time zone. */
export const approverCard = (ctx: UserContext, task: TaskView) =>
  approvalCard({
    t: ctx.t,
    locale: ctx.locale,
    timezone: ctx.timezone,
    task,
    supersededBy: decidedBy(task),
  });

type NoticeMessage = Extract<OutboxMessage, { kind: 'request_decided' | 'cc_notified' | 'comment_added' }>;
const isNotice = (message: OutboxMessage): message is NoticeMessage => NOTICE_KINDS.has(message.kind);

/**
 * Slack's failures in the courier's terms: the delivery client does not wait out a 429 itself (a
 * delivery parked inside the client could outlive its lease), so the courier retries the row after
 * Retry-After; an error the same call will meet again settles the row instead of retrying it.
 */
async function asCourierError<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'rate_limited')
      throw new RetryLaterError('Slack rate limit', failure.retryAfterSeconds);
    if (failure.kind === 'permanent') throw new UndeliverableError(failure.error);
    throw error;
  }
}

/** How a post names the outbox rows it answers (see message-dedup.ts). */
const OUTBOX_MARK = { eventType: 'gongwu_outbox', key: 'outbox_id' } as const;
const outboxMark = (outboxId: string): PostMark => ({ ...OUTBOX_MARK, id: outboxId });

/** For a superseded task: the decision in the same step that made it unnecessary. */
function decidedBy(task: TaskView): { name: string; at: string } | undefined {
  const step = task.instance.steps[task.stepIndex];
  const decisive = step?.tasks.find(
    (other) =>
      other.taskId !== task.taskId &&
      other.decidedAt &&
      ['approved', 'rejected', 'returned'].includes(other.status),
  );
  return decisive?.decidedAt ? { name: decisive.assignee.name, at: decisive.decidedAt } : undefined;
}

/**
 * The reason given with the latest rejection or return (or cancellation) of the request; for an
 * automatic rejection, said in the reader's language.
 */
function lastReason(ctx: UserContext, instance: InstanceView): string | null {
  const event = [...instance.history]
    .reverse()
    .find((e) => ['rejected', 'returned', 'cancelled'].includes(e.kind));
  if (event?.data.auto === 'auto_reject')
    return ctx.t('dl.auto.reason.auto_reject', { hours: Number(event.data.hours) });
  return event?.text ?? null;
}
