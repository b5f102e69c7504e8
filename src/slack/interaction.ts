import type { RespondFn } from '@slack/bolt';
import { type ActorStanding, standingFrom } from '../domain/org/directory.service';
import type { SlackDeps } from './deps';
import { translator } from './i18n';
import { findPersonBySlackIdSafe, lookUpPerson } from './person-lookup';
import { replyForError } from './replies';
import type { UserContext } from './user-context';

/** Language and time zone of the person who clicked or typed, resolved once per interaction. */
export async function contextOf(deps: SlackDeps, slackUserId: string): Promise<UserContext> {
  return deps.users.resolve(slackUserId, await findPersonBySlackIdSafe(deps.org, slackUserId, deps.logger));
}

/** Who is interacting, read once: their language and time zone, and their standing. */
export interface Interaction {
  ctx: UserContext;
  /**
   * The standing from the same directory read as `ctx` (no second lookup). It decides what to
   * show (help, whoami, registration); it is not an authorisation: every change re-reads the actor
   * inside its own transaction. Throws the read's failure (a database outage is reported to the
   * person, not mistaken for "not registered").
   */
  standing(): ActorStanding;
}

export async function interactionOf(deps: SlackDeps, slackUserId: string): Promise<Interaction> {
  const lookup = await lookUpPerson(deps.org, slackUserId, deps.logger);
  const person = lookup.failed ? null : lookup.person;
  const ctx = await deps.users.resolve(slackUserId, person);
  return {
    ctx,
    standing: () => {
      if (lookup.failed) throw lookup.error;
      return standingFrom(person);
    },
  };
}

/**
 * Runs the one domain call of a listener; a refusal or failure is told to the person privately
 * (never a silent log line), and the outbox is kicked so notifications go out right away.
 */
export async function runAndReport(
  deps: SlackDeps,
  ctx: UserContext,
  /**
   * Bolt's `respond` for the interaction's response_url; Bolt leaves it out for surfaces that
   * have none (Home tab, modals), whatever its types say.
   */
  respond: RespondFn | undefined,
  work: () => Promise<string | undefined>,
): Promise<void> {
  try {
    const confirmation = await work();
    deps.outbox.kick();
    if (confirmation && respond)
      await respond({ response_type: 'ephemeral', replace_original: false, text: confirmation });
  } catch (error) {
    const reply = await replyForError(error, ctx, deps);
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
    else deps.logger.warn({ err: error }, 'refusal with no surface to show it on');
  }
}

/**
 * How long a click waits for its decision to commit before it is acknowledged anyway. A decision
 * takes tens of milliseconds; Slack shows the person an error when a click is not acknowledged
 * within 3 s, which leaves room for a slow database and the round trip.
 */
export const ACK_AFTER_COMMIT_MS = 2000;

/**
 * Acknowledges a click only once its change has committed (`now()`), or after
 * ACK_AFTER_COMMIT_MS, whichever comes first. An acknowledged click is never resent by Slack, so
 * a process that crashed between an early ack and the commit lost the click silently. Now a
 * crash before the commit leaves the click unacknowledged and Slack tells the person it failed;
 * a commit slower than the bound is acknowledged in time and `slow` tells the person, so a click
 * that then never commits is not silent either.
 */
export function ackAfterCommit(
  ack: () => Promise<void>,
  slow: () => Promise<unknown>,
  boundMs = ACK_AFTER_COMMIT_MS,
): { now: () => Promise<void> } {
  let acked: Promise<void> | undefined;
  const now = () => {
    clearTimeout(timer);
    acked ??= ack();
    return acked;
  };
  const timer = setTimeout(() => {
    void now()
      .then(slow)
      .catch(() => undefined);
  }, boundMs);
  return { now };
}

/**
 * What a click's `slow` says (see ackAfterCommit): the change has not committed by the time the
 * click had to be acknowledged. In English when even the person's language was not read yet.
 */
export const tellSlow = (respond: RespondFn, ctx: UserContext | undefined) =>
  respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: (ctx?.t ?? translator('en'))('wf.decision.slow'),
  });
