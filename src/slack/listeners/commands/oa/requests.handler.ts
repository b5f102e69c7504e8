import type { SlackDeps } from '../../../deps';
import { openRegistration } from '../../../registration';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';
import { sideOf } from '../../../views/format';
import { searchResults } from '../../../views/workflows/search-results.view';
import { trackingCard } from '../../../views/workflows/tracking-card.view';
import type { OaIo } from './io';
import type { OaCommand } from './oa-text';

export type RequestsCommand = Extract<
  OaCommand,
  { kind: 'register' | 'status' | 'search' | 'export' | 'cancel' }
>;

const SEARCH_PAGE = 15;

/** The workflow subcommands: register, status, search, export, cancel (null: the modal is the answer). */
export async function answerRequests(
  command: RequestsCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: OaIo,
): Promise<Reply | null> {
  const { t } = ctx;
  switch (command.kind) {
    case 'register':
      await openRegistration(deps.workflows, deps.org, actorSlackId, ctx, io);
      return null;
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
      const range = { from: command.from, to: command.to };
      const csv = await deps.workflows.exportCsv(actorSlackId, range, sideOf(ctx.locale));
      const rows = Math.max(0, csv.trim().split('\n').length - 1);
      const title = t('export.comment', range);
      await io.sendFile({
        filename: `requests-${command.from}-${command.to}.csv`,
        content: csv,
        title,
        comment: title,
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
