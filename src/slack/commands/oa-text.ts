import { isRole, type Role } from '../../domain/org/roles';

/**
 * Parses the text of `/oa …` into a typed subcommand. Pure: no I/O, every outcome a value.
 * Slack sends mentions escaped as `<@U123|name>` (manifest `should_escape: true`); a bare user
 * id is accepted as well so operators can paste ids.
 */

export const MAX_COMMAND_TEXT = 500;

export type OaCommand =
  | { kind: 'help' }
  | { kind: 'whoami' }
  | { kind: 'language'; locale: 'en' | 'zh-TW' | null }
  | { kind: 'role'; target: string; roles: Role[] }
  | { kind: 'move'; target: string; departmentKey: string }
  | { kind: 'head'; departmentKey: string; target: string }
  | { kind: 'suspend'; target: string }
  | { kind: 'reactivate'; target: string }
  | { kind: 'unknown'; subcommand: string }
  | { kind: 'too_long'; length: number }
  | { kind: 'usage'; subcommand: UsageSubcommand }
  | { kind: 'invalid_roles'; value: string }
  | { kind: 'invalid_language'; value: string };

export type UsageSubcommand = 'role' | 'move' | 'head' | 'suspend' | 'reactivate' | 'language';

export const ADMIN_SUBCOMMANDS = ['role', 'move', 'head', 'suspend', 'reactivate'] as const;

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const BARE_ID = /^[UW][A-Z0-9]{2,}$/;
const DEPARTMENT_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseUserRef(token: string | undefined): string | undefined {
  if (!token) return undefined;
  const mention = MENTION.exec(token);
  if (mention) return mention[1];
  return BARE_ID.test(token) ? token : undefined;
}

function parseRoles(value: string): Role[] | undefined {
  const parts = value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0 || !parts.every(isRole)) return undefined;
  return parts as Role[];
}

export function parseOaText(raw: string): OaCommand {
  const text = raw.trim();
  if (text.length > MAX_COMMAND_TEXT) return { kind: 'too_long', length: text.length };
  const [first, ...rest] = text.split(/\s+/).filter(Boolean);
  const subcommand = (first ?? 'help').toLowerCase();
  const [a, b, ...extra] = rest;
  const tooMany = extra.length > 0;
  switch (subcommand) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'whoami':
    case 'me':
      return { kind: 'whoami' };
    case 'language':
    case 'lang': {
      if (!a || b) return { kind: 'usage', subcommand: 'language' };
      const lower = a.toLowerCase();
      if (lower === 'auto') return { kind: 'language', locale: null };
      if (lower === 'en') return { kind: 'language', locale: 'en' };
      if (lower === 'zh-tw' || lower === 'zh') return { kind: 'language', locale: 'zh-TW' };
      return { kind: 'invalid_language', value: a };
    }
    case 'role':
    case 'roles': {
      const target = parseUserRef(a);
      if (!target || !b || tooMany) return { kind: 'usage', subcommand: 'role' };
      const roles = parseRoles(b);
      return roles ? { kind: 'role', target, roles } : { kind: 'invalid_roles', value: b };
    }
    case 'move': {
      const target = parseUserRef(a);
      if (!target || !b || tooMany || !DEPARTMENT_KEY.test(b)) return { kind: 'usage', subcommand: 'move' };
      return { kind: 'move', target, departmentKey: b };
    }
    case 'head': {
      const target = parseUserRef(b);
      if (!a || !target || tooMany || !DEPARTMENT_KEY.test(a)) return { kind: 'usage', subcommand: 'head' };
      return { kind: 'head', departmentKey: a, target };
    }
    case 'suspend':
    case 'reactivate': {
      const target = parseUserRef(a);
      if (!target || b) return { kind: 'usage', subcommand };
      return { kind: subcommand, target };
    }
    default:
      return { kind: 'unknown', subcommand: first ?? '' };
  }
}
