/**
 * The approvals benchmark's workload, played on the Slack workspace emulator: requests submitted
 * the way people submit them, the cards the app posts for them, the Approve clicks, and what the
 * app sends back while the decisions are made (card updates, new messages, Web API calls).
 */

import { performance } from 'node:perf_hooks';
import type {
  ApiCallRecord,
  ChangeEvent,
  DeliveryResult,
  SlackEmulator,
  SlackMessage,
} from '@gongwu/slack-emulator';
import { HOLIDAYS } from '../../migrations/0002-workflows';
import type { OrgFile } from '../../src/domain/org/org-file';
import { ACTION_IDS, BLOCK_IDS } from '../../src/slack/ids';

/**
 * Employees of the example organisation whose one-day requests have a single step: the head of
 * their department (Evan → Bob, Grace → Carol, Fiona → Daniel), or one level up for a head
 * (Daniel → Alice). Not the Director-General: nobody is above him to approve his leave.
 */
export const DEFAULT_REQUESTERS = ['U01EVAN00', 'U01GRACE0', 'U01FIONA0', 'U01DANIEL'];

/** Request references as the engine makes them: `LV-2026-0007`. */
const REFERENCE = /\b[A-Z]+-\d{4}-\d{4,}\b/;

/**
 * Weekdays from the Monday after next on, skipping the public holidays the migrations seed: inside
 * the leave template's window (at most 365 days ahead), never in the past, never a day off (a
 * leave with no working day is refused). 200 requests over 4 requesters take 10 weeks.
 */
const SEEDED_HOLIDAYS = new Set(HOLIDAYS.map(([date]) => date));
const FIRST_MONDAY = (() => {
  const day = new Date(Date.now() + 7 * 86_400_000);
  day.setUTCHours(0, 0, 0, 0);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  return day.getTime();
})();
const WORKDAYS: string[] = [];
let calendarDays = 0;
export function weekday(index: number): string {
  while (WORKDAYS.length <= index) {
    const date = new Date(FIRST_MONDAY + calendarDays++ * 86_400_000);
    const iso = date.toISOString().slice(0, 10);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && !SEEDED_HOLIDAYS.has(iso)) WORKDAYS.push(iso);
  }
  return WORKDAYS[index]!;
}

export interface Submission {
  requester: string;
  /** `/leave` text, or the project's name. */
  label: string;
  result?: DeliveryResult;
  error?: string;
}

/**
 * Creates `count` requests through the emulator, one lane per requester (a person submits one
 * request at a time; the lanes run side by side). Leave: `/leave <day> <day> annual …`, each
 * requester's days distinct, so the overlap rule never refuses one. Project: `/request project`,
 * the modal filled in and submitted (budget under the Finance threshold: one step).
 */
export async function submitRequests(
  emulator: SlackEmulator,
  template: 'leave' | 'project',
  requesters: string[],
  count: number,
): Promise<Submission[]> {
  const submissions: Submission[] = [];
  const lane = async (requester: string, laneIndex: number) => {
    for (let i = laneIndex, n = 0; i < count; i += requesters.length, n++) {
      const session = emulator.as(requester);
      if (template === 'leave') {
        const day = weekday(n);
        const label = `${day} ${day} annual Benchmark request ${i + 1}`;
        const submission: Submission = { requester, label };
        submissions.push(submission);
        submission.result = await session.command('/leave', label);
        if (submission.result.status !== 200) submission.error = `status ${submission.result.status}`;
      } else {
        const label = `Benchmark project ${i + 1}`;
        const submission: Submission = { requester, label };
        submissions.push(submission);
        try {
          const opened = await session.command('/request', 'project');
          submission.result = opened;
          await emulator.waitFor(() => emulator.openViews(requester).length > 0, {
            timeoutMs: 5000,
            description: `${requester}'s project form`,
          });
          await session.fillModal({
            name: label,
            budget: '50000',
            start_date: weekday(n),
            description: 'Created by the approvals benchmark.',
          });
          const submitted = await session.submitView();
          if (submitted.outcome !== 'closed') {
            submission.error = `form ${submitted.outcome}: ${JSON.stringify(submitted.errors)}`;
            await session.closeView().catch(() => undefined);
          }
        } catch (error) {
          submission.error = error instanceof Error ? error.message : String(error);
        }
      }
    }
  };
  await Promise.all(requesters.map((requester, index) => lane(requester, index)));
  return submissions;
}

/** The Slack user ids in a person's DM channel ids, for the example organisation's people. */
export function dmOwners(emulator: SlackEmulator, org: OrgFile): Map<string, string> {
  const owners = new Map<string, string>();
  for (const person of org.people) {
    if (person.slackId) owners.set(emulator.dmChannelOf(person.slackId), person.slackId);
  }
  return owners;
}

export interface ApproverCard {
  key: string;
  taskId: number;
  reference: string;
  approver: string;
  channel: string;
  ts: string;
}

export interface TrackingCard {
  key: string;
  reference: string;
  requester: string;
  channel: string;
  ts: string;
}

export interface PostedMessage {
  at: number;
  channel: string;
  ts: string;
  reference: string | undefined;
  /** Every reference the text names: a notice may cover several requests (merged notices). */
  references: string[];
  /** Has blocks: a card, not a one-line notice. */
  card: boolean;
}

export interface CallRecord {
  at: number;
  method: string;
  status: number;
  /** The `channel` argument as given (rate limits per channel count it so). */
  channel: string | undefined;
}

/** What the app sent during one decision phase, timed with this process's performance.now(). */
export interface PhaseLog {
  /** Card key → when it was first updated without its Approve button. */
  cardDecidedAt: Map<string, number>;
  /** Card key → chat.update count (including repeats). */
  cardUpdates: Map<string, number>;
  /** Tracking card key → when it was first updated without its Withdraw button. */
  trackingDoneAt: Map<string, number>;
  trackingUpdates: Map<string, number>;
  posts: PostedMessage[];
  calls: CallRecord[];
}

const key = (channel: string, ts: string) => `${channel}:${ts}`;
const has = (message: SlackMessage, actionId: string) =>
  JSON.stringify(message.blocks ?? []).includes(`"action_id":"${actionId}"`);

function taskIdOf(message: SlackMessage): number | undefined {
  for (const block of message.blocks ?? []) {
    const blockId = (block as { block_id?: unknown }).block_id;
    if (typeof blockId === 'string' && blockId.startsWith(`${BLOCK_IDS.taskActions}:`)) {
      const id = Number(blockId.slice(BLOCK_IDS.taskActions.length + 1));
      if (Number.isInteger(id)) return id;
    }
  }
  return undefined;
}

/**
 * Watches the emulator: while requests are set up it collects the approver cards (DM messages with
 * the task's action block) and the requesters' tracking cards (with Withdraw); during a phase it
 * logs every update, new message and Web API call.
 */
export class WorkspaceObserver {
  readonly cards = new Map<string, ApproverCard>();
  readonly tracking = new Map<string, TrackingCard>();
  phase: PhaseLog | undefined;
  private readonly onChange = (event: ChangeEvent) => this.change(event);
  private readonly onCall = (record: ApiCallRecord) => {
    const channel = record.args.channel;
    this.phase?.calls.push({
      at: performance.now(),
      method: record.method,
      status: record.status,
      channel: typeof channel === 'string' ? channel : undefined,
    });
  };

  constructor(
    private readonly emulator: SlackEmulator,
    private readonly owners: Map<string, string>,
  ) {
    emulator.on('change', this.onChange);
    emulator.on('call', this.onCall);
  }

  detach(): void {
    this.emulator.off('change', this.onChange);
    this.emulator.off('call', this.onCall);
  }

  startPhase(): PhaseLog {
    this.phase = {
      cardDecidedAt: new Map(),
      cardUpdates: new Map(),
      trackingDoneAt: new Map(),
      trackingUpdates: new Map(),
      posts: [],
      calls: [],
    };
    return this.phase;
  }

  /** Approver cards in the order their tasks were created. */
  approverCards(): ApproverCard[] {
    return [...this.cards.values()].sort((a, b) => a.taskId - b.taskId);
  }

  private change(event: ChangeEvent): void {
    if (event.type !== 'message') return;
    const at = performance.now();
    const { channel, message } = event;
    const k = key(channel, message.ts);
    const phase = this.phase;
    if (event.action === 'posted') {
      const reference = REFERENCE.exec(message.text ?? '')?.[0];
      if (phase) {
        const references = [...new Set((message.text ?? '').match(new RegExp(REFERENCE.source, 'g')) ?? [])];
        const card = (message.blocks ?? []).length > 0;
        phase.posts.push({ at, channel, ts: message.ts, reference, references, card });
        return;
      }
      const owner = this.owners.get(channel);
      if (!owner || !reference) return;
      const taskId = taskIdOf(message);
      if (taskId !== undefined && has(message, ACTION_IDS.approve)) {
        this.cards.set(k, { key: k, taskId, reference, approver: owner, channel, ts: message.ts });
      } else if (has(message, ACTION_IDS.withdraw)) {
        this.tracking.set(k, { key: k, reference, requester: owner, channel, ts: message.ts });
      }
      return;
    }
    if (event.action !== 'updated' || !phase) return;
    if (this.cards.has(k)) {
      phase.cardUpdates.set(k, (phase.cardUpdates.get(k) ?? 0) + 1);
      if (!phase.cardDecidedAt.has(k) && !has(message, ACTION_IDS.approve)) phase.cardDecidedAt.set(k, at);
    } else if (this.tracking.has(k)) {
      phase.trackingUpdates.set(k, (phase.trackingUpdates.get(k) ?? 0) + 1);
      if (!phase.trackingDoneAt.has(k) && !has(message, ACTION_IDS.withdraw)) phase.trackingDoneAt.set(k, at);
    }
  }
}

export interface Click {
  card: ApproverCard;
  at: number;
  /** Click sent → the app's HTTP answer (Slack waits this long for the acknowledgement). */
  ackMs: number;
  status: number;
  error?: string;
}

/**
 * The approvers click Approve on their cards, `concurrency` clicks in flight (closed loop: a lane
 * clicks its next card as soon as Slack has the previous acknowledgement). Each click is a real
 * signed block_actions POST built by the emulator from the card as the approver sees it.
 */
export async function clickApprove(
  emulator: SlackEmulator,
  cards: ApproverCard[],
  concurrency: number,
): Promise<Click[]> {
  const clicks: Click[] = [];
  let next = 0;
  const lane = async () => {
    while (next < cards.length) {
      const card = cards[next++]!;
      const at = performance.now();
      try {
        const result = await emulator.as(card.approver).clickButton({
          actionId: ACTION_IDS.approve,
          in: { channel: card.channel, ts: card.ts },
        });
        const click: Click = { card, at, ackMs: performance.now() - at, status: result.status };
        if (result.error) click.error = result.error;
        clicks.push(click);
      } catch (error) {
        clicks.push({
          card,
          at,
          ackMs: performance.now() - at,
          status: 0,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cards.length) }, lane));
  return clicks;
}
