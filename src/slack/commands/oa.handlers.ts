import type { ModalView } from '@slack/types';
import { activePersonOf, type Directory } from '../../domain/org/directory.service';
import { OrgError } from '../../domain/org/org-errors';
import type { WorkflowEngine } from '../../domain/workflows/engine.service';
import type { SlackDeps } from '../deps';
import type { Interaction } from '../interaction';
import { plain, type Reply } from '../replies';
import { registrationFormView } from '../request-forms';
import type { UserContext } from '../user-context';
import { escapeMrkdwn } from '../views/blocks';
import { sideOf } from '../views/format';
import { helpMessage } from '../views/help.view';
import { departmentName, whoamiMessage } from '../views/profile.view';
import { searchResults } from '../views/workflows/search-results.view';
import { trackingCard } from '../views/workflows/tracking-card.view';
import { runAwayCommand } from './away.handlers';
import { MAX_COMMAND_TEXT, type OaCommand } from './oa-text';

/**
 * One function per `/oa` subcommand: each makes one domain call and renders the answer.
 * Domain refusals are thrown as OrgError and rendered by the caller.
 */

const mention = (slackId: string | null, fallback: string) =>
  slackId ? `<@${slackId}>` : escapeMrkdwn(fallback);

/** What some subcommands need from the Slack interaction itself. */
export interface OaIo {
  /** Opens a modal with the command's trigger_id (valid for 3 s: call it first). */
  openModal(view: ModalView): Promise<void>;
  /** The person's real name as Slack has it, to pre-fill their registration. */
  slackName(): Promise<string | undefined>;
  /** Sends a file to the person's DM (files upload v2). */
  sendFile(file: { filename: string; content: string; title: string; comment: string }): Promise<void>;
}

/**
 * `actor` is the interaction's one directory read (language, time zone, standing); subcommands
 * that change something leave the checks to the domain, which re-reads the actor in its transaction.
 */
export async function runOaCommand(
  command: OaCommand,
  actorSlackId: string,
  actor: Interaction,
  deps: SlackDeps,
  io: OaIo,
): Promise<Reply | null> {
  try {
    if (command.kind === 'away')
      return await runAwayCommand(deps.workflows, command.away, actorSlackId, actor.ctx);
    return isWorkflowCommand(command)
      ? await dispatchWorkflow(command, actorSlackId, actor, deps, io)
      : await dispatch(command, actorSlackId, actor, deps);
  } catch (error) {
    // The domain does not know which words were typed; name the subcommand in the refusal.
    if (error instanceof OrgError && error.code === 'admin_only') {
      throw new OrgError('admin_only', { subcommand: command.kind });
    }
    throw error;
  }
}

/**
 * Subcommands whose answer can go in the acknowledgement itself (Slack shows a message in the
 * command's HTTP answer to the person, like one sent through response_url): text that needs no
 * I/O, or a display read of the directory (help, whoami). Not here: anything that opens a modal
 * (its trigger is the ack's business), sends a file, changes something, or may read a lot (status,
 * search, away status).
 */
export function answersInAck(command: OaCommand): boolean {
  switch (command.kind) {
    case 'help':
    case 'unknown':
    case 'whoami':
    case 'too_long':
    case 'usage':
    case 'invalid_roles':
    case 'invalid_language':
      return true;
    case 'away':
      return (
        command.away.action === 'usage' ||
        command.away.action === 'invalid_date' ||
        command.away.action === 'missing_delegate'
      );
    default:
      return false;
  }
}

const SEARCH_PAGE = 15;

/**
 * The registration form, pre-filled with the name Slack knows; refused before it opens to people
 * already in, suspended, or with a registration waiting (nothing to fill in that cannot be sent).
 */
export async function openRegistration(
  workflows: Pick<WorkflowEngine, 'checkMayRegister' | 'getTemplate'>,
  directory: Pick<Directory, 'departmentChoices'>,
  slackUserId: string,
  ctx: UserContext,
  io: Pick<OaIo, 'openModal' | 'slackName'>,
): Promise<void> {
  await workflows.checkMayRegister(slackUserId);
  const [template, departments, name] = await Promise.all([
    workflows.getTemplate('registration'),
    directory.departmentChoices(),
    io.slackName(),
  ]);
  await io.openModal(registrationFormView(ctx, template, departments, name));
}

const WORKFLOW_KINDS = ['register', 'status', 'search', 'export', 'cancel'] as const;
type WorkflowCommand = Extract<OaCommand, { kind: (typeof WORKFLOW_KINDS)[number] }>;
const isWorkflowCommand = (command: OaCommand): command is WorkflowCommand =>
  (WORKFLOW_KINDS as readonly string[]).includes(command.kind);

/** The workflow subcommands: register, status, search, export, cancel. */
async function dispatchWorkflow(
  command: WorkflowCommand,
  actorSlackId: string,
  actor: Interaction,
  deps: SlackDeps,
  io: OaIo,
): Promise<Reply | null> {
  const { ctx } = actor;
  const { t } = ctx;
  switch (command.kind) {
    case 'register':
      await openRegistration(deps.workflows, deps.org, actorSlackId, ctx, io);
      return null; // the modal is the answer
    case 'status': {
      const instance = await deps.workflows.getInstance(actorSlackId, command.reference);
      return trackingCard({
        ...ctx,
        instance,
        forRequester: instance.requester.slackUserId === actorSlackId,
      });
    }
    case 'search': {
      const page = await deps.workflows.searchInstances(actorSlackId, {
        ...command.filters,
        limit: SEARCH_PAGE,
      });
      return searchResults({ ...ctx, page });
    }
    case 'export': {
      // In the admin's language, as everything else they read (issue 13, item 25).
      const csv = await deps.workflows.exportCsv(
        actorSlackId,
        { from: command.from, to: command.to },
        sideOf(ctx.locale),
      );
      const rows = Math.max(0, csv.trim().split('\n').length - 1);
      const range = { from: command.from, to: command.to };
      await io.sendFile({
        filename: `requests-${command.from}-${command.to}.csv`,
        content: csv,
        title: t('export.comment', range),
        comment: t('export.comment', range),
      });
      return plain(t('export.done', { ...range, rows }));
    }
    case 'cancel': {
      const instance = await deps.workflows.getInstance(actorSlackId, command.reference);
      const result = await deps.workflows.cancel(actorSlackId, instance.id, command.reason);
      deps.outbox.kick();
      return plain(t('cancel.done', { reference: result.reference }));
    }
  }
}

async function dispatch(
  command: Exclude<OaCommand, WorkflowCommand | { kind: 'away' }>,
  actorSlackId: string,
  actor: Interaction,
  deps: SlackDeps,
): Promise<Reply> {
  const { ctx } = actor;
  const { t } = ctx;
  switch (command.kind) {
    case 'help':
    case 'unknown': {
      const standing = actor.standing();
      const roles = standing.kind === 'active' ? standing.person.roles : [];
      return helpMessage({
        t,
        isAdmin: roles.includes('admin'),
        isGuest: roles.includes('guest'),
        isRegistered: standing.kind !== 'unregistered',
        ...(command.kind === 'unknown' ? { unknownSubcommand: command.subcommand } : {}),
      });
    }
    case 'too_long':
      return plain(t('error.tooLong', { length: command.length, limit: MAX_COMMAND_TEXT }));
    case 'usage':
      return plain(t(`usage.${command.subcommand}`));
    case 'invalid_roles':
      return plain(`${t('error.invalidRoles', { value: command.value.slice(0, 60) })}\n${t('usage.role')}`);
    case 'invalid_language':
      return plain(
        `${t('error.invalidLanguage', { value: command.value.slice(0, 20) })}\n${t('usage.language')}`,
      );
    case 'whoami': {
      const profile = await deps.org.profileFor(activePersonOf(actor.standing()));
      return whoamiMessage({ t, locale: ctx.locale, timezone: ctx.timezone, profile });
    }
    case 'language': {
      await deps.org.setLocalePreference(actorSlackId, command.locale);
      deps.users.forget(actorSlackId);
      const next = await deps.users.resolve(actorSlackId, await deps.org.requireActivePerson(actorSlackId));
      await deps.refreshHome(actorSlackId);
      return plain(next.t('done.language', { language: next.t(`language.${command.locale ?? 'auto'}`) }));
    }
    case 'role': {
      const change = await deps.org.setRoles(actorSlackId, command.target, command.roles);
      await deps.refreshHome(command.target);
      const names = (roles: string[]) => roles.map((role) => t(`role.${role as 'user'}`)).join(', ');
      return plain(
        t('done.roles', {
          who: mention(change.target.slackUserId, change.target.name),
          roles: names(change.after),
          before: names(change.before),
        }),
      );
    }
    case 'move': {
      const change = await deps.org.movePerson(actorSlackId, command.target, command.departmentKey);
      await deps.refreshHome(command.target);
      return plain(
        t('done.move', {
          who: mention(change.target.slackUserId, change.target.name),
          department: change.after ? escapeMrkdwn(departmentName(change.after, ctx.locale)) : '',
          before: change.before ? escapeMrkdwn(departmentName(change.before, ctx.locale)) : t('common.none'),
        }),
      );
    }
    case 'head': {
      const change = await deps.org.setDepartmentHead(actorSlackId, command.departmentKey, command.target);
      await deps.refreshHome(command.target);
      return plain(
        t('done.head', {
          who: mention(change.target.slackUserId, change.target.name),
          department: escapeMrkdwn(departmentName(change.department, ctx.locale)),
          before: change.before ? escapeMrkdwn(change.before) : t('common.none'),
        }),
      );
    }
    case 'suspend':
    case 'reactivate': {
      const change = await deps.org.setStatus(
        actorSlackId,
        command.target,
        command.kind === 'suspend' ? 'suspended' : 'active',
      );
      await deps.refreshHome(command.target);
      return plain(
        t(`done.${command.kind}`, { who: mention(change.target.slackUserId, change.target.name) }),
      );
    }
  }
}
