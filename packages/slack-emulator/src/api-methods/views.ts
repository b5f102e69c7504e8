/** views.* methods: modals opened with a trigger, pushed, updated, and Home tabs. */
import { missingArgument, SlackApiError } from '../api-error';
import { viewProblems } from '../block-kit-limits';
import { isObject, type JsonObject } from '../json';
import type { ViewType } from '../types';
import { type ApiArgs, type ApiMethod, optionalString, requiredString } from './args';

function readView(args: ApiArgs, type: ViewType): JsonObject {
  const view = args.view;
  if (view === undefined || view === '') throw missingArgument('view');
  if (!isObject(view))
    throw new SlackApiError('invalid_arguments', ['[ERROR] failed to parse `view` as JSON']);
  const problems = viewProblems(view, type);
  if (problems.length > 0) throw new SlackApiError('invalid_arguments', problems);
  return view;
}

const open: ApiMethod = (args, ctx) => {
  const trigger = requiredString(args, 'trigger_id');
  const view = ctx.views.exchangeTrigger(trigger, (userId) =>
    ctx.views.open(userId, readView(args, 'modal')),
  );
  return { ok: true, view };
};

const push: ApiMethod = (args, ctx) => {
  const trigger = requiredString(args, 'trigger_id');
  const view = ctx.views.exchangeTrigger(trigger, (userId) =>
    ctx.views.push(userId, readView(args, 'modal')),
  );
  return { ok: true, view };
};

const update: ApiMethod = (args, ctx) => {
  const viewId = optionalString(args, 'view_id');
  const externalId = optionalString(args, 'external_id');
  if (!viewId && !externalId) throw missingArgument('view_id');
  const id = ctx.views.findViewId({ viewId, externalId });
  if (!id) throw new SlackApiError('not_found');
  const current = ctx.views.view(id);
  const view = readView(args, current?.type ?? 'modal');
  return { ok: true, view: ctx.views.update(id, view, optionalString(args, 'hash')) };
};

const publish: ApiMethod = (args, ctx) => {
  const userId = requiredString(args, 'user_id');
  if (!ctx.workspace.user(userId)) throw new SlackApiError('user_not_found');
  const view = readView(args, 'home');
  return { ok: true, view: ctx.views.publishHome(userId, view, optionalString(args, 'hash')) };
};

export const viewMethods: Record<string, ApiMethod> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
