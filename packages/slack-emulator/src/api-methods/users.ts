/** users.* and auth.test: who is in the workspace, and who the app is. */
import { SlackApiError } from '../api-error';
import { type ApiMethod, optionalBool, paginate, requiredString } from './args';
import { userObject } from './shapes';

const info: ApiMethod = (args, ctx) => {
  const user = ctx.workspace.user(requiredString(args, 'user'));
  if (!user) throw new SlackApiError('user_not_found');
  return {
    ok: true,
    user: userObject(user, { includeLocale: optionalBool(args, 'include_locale'), now: ctx.clock() }),
  };
};

const lookupByEmail: ApiMethod = (args, ctx) => {
  const user = ctx.workspace.userByEmail(requiredString(args, 'email'));
  if (!user) throw new SlackApiError('users_not_found');
  return { ok: true, user: userObject(user, { includeLocale: false, now: ctx.clock() }) };
};

const list: ApiMethod = (args, ctx) => {
  const includeLocale = optionalBool(args, 'include_locale');
  // users.list returns everyone when no limit is given.
  const { page, response_metadata } = paginate(ctx.workspace.listUsers(), args, 0);
  return {
    ok: true,
    members: page.map((u) => userObject(u, { includeLocale, now: ctx.clock() })),
    cache_ts: Math.floor(ctx.clock() / 1000),
    response_metadata,
  };
};

const authTest: ApiMethod = (_args, ctx) => {
  const { identity } = ctx.workspace;
  return {
    ok: true,
    url: `${ctx.baseUrl()}/`,
    team: identity.teamName,
    user: identity.botName,
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  };
};

export const userMethods: Record<string, ApiMethod> = {
  'auth.test': authTest,
  'users.info': info,
  'users.lookupByEmail': lookupByEmail,
  'users.list': list,
};
