import { isRole, type Role } from '../../../../domain/org/model';
import { type AwayCommand, parseAwayText } from './away-text';
import {
  type IncidentCommand,
  type MaintenanceCommand,
  parseIncidentText,
  parseMaintenanceText,
  textAfterWords,
} from './incident-text';
import { parseSupervisionText, type SupervisionCommand } from './supervision-text';
import { parseUserRef } from './user-ref';

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
  | { kind: 'register' }
  | { kind: 'status'; reference: string }
  | { kind: 'search'; filters: SearchText }
  | { kind: 'export'; from: string; to: string }
  | { kind: 'cancel'; reference: string; reason: string }
  | { kind: 'away'; away: AwayCommand }
  | { kind: 'drill' }
  | { kind: 'incident'; incident: IncidentCommand }
  | { kind: 'maintenance'; maintenance: MaintenanceCommand }
  | { kind: 'lock_my_account'; whatHappened: string }
  | {
      kind: 'report';
      period?: string;
      departmentKey?: string;
      /** `detail <key>`: the records behind one figure. */
      detail?: string;
      /** `xlsx`: the report as a workbook in the DM. */
      xlsx?: boolean;
    }
  | SupervisionCommand
  | { kind: 'maintenance_log'; period?: string }
  | { kind: 'unknown'; subcommand: string }
  | { kind: 'too_long'; length: number }
  | { kind: 'usage'; subcommand: UsageSubcommand }
  | { kind: 'invalid_roles'; value: string }
  | { kind: 'invalid_language'; value: string };

export type UsageSubcommand =
  | 'role'
  | 'move'
  | 'head'
  | 'suspend'
  | 'reactivate'
  | 'language'
  | 'status'
  | 'search'
  | 'export'
  | 'cancel'
  | 'lock-my-account'
  | 'report';

/** `/oa search` filters as typed: free words plus `key:value` tokens. */
export interface SearchText {
  text?: string;
  reference?: string;
  person?: string;
  /** `by:@fiona.smith` as typed, when Slack did not turn it into a mention. */
  personHandle?: string;
  templateKey?: string;
  status?: 'in_review' | 'approved' | 'rejected' | 'returned' | 'withdrawn' | 'cancelled';
  from?: string;
  to?: string;
}

const REFERENCE = /^[A-Z]{2,6}-\d{4}-\d{1,6}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEARCH_STATUSES = ['in_review', 'approved', 'rejected', 'returned', 'withdrawn', 'cancelled'] as const;

/** A handle as people type it after `by:`: `@fiona.smith` or `fiona.smith`. */
const HANDLE = /^@?([\p{L}\p{N}._-]{1,80})$/u;

function parseSearch(input: string[]): SearchText | undefined {
  const filters: SearchText = {};
  const free: string[] = [];
  // `by: @fiona.smith` (a space after the colon) is read as `by:@fiona.smith`.
  const words: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const word = input[i] ?? '';
    const next = input[i + 1];
    if (/^\w+:$/.test(word) && next !== undefined) {
      words.push(word + next);
      i += 1;
    } else words.push(word);
  }
  for (const word of words) {
    const match = /^(\w+):(.+)$/.exec(word);
    const [key, value] = match ? [match[1]?.toLowerCase(), match[2] ?? ''] : [undefined, word];
    if (key === 'from' || key === 'to') {
      if (!ISO_DATE.test(value)) return undefined;
      filters[key] = value;
    } else if (key === 'type' || key === 'template') filters.templateKey = value.toLowerCase();
    else if (key === 'status') {
      const status = SEARCH_STATUSES.find((s) => s === value.toLowerCase());
      if (!status) return undefined;
      filters.status = status;
    } else if (key === 'person' || key === 'by') {
      // What Slack sends for a mention (<@U…|name>, <@U…>), an id, or a handle as typed.
      const person = parseUserRef(value);
      const handle = person ? undefined : HANDLE.exec(value)?.[1];
      if (person) filters.person = person;
      else if (handle) filters.personHandle = handle;
      else return undefined;
    } else if (!match && REFERENCE.test(word.toUpperCase())) filters.reference = word.toUpperCase();
    else free.push(word);
  }
  if (free.length) filters.text = free.join(' ');
  return filters;
}

export const ADMIN_SUBCOMMANDS = [
  'role',
  'move',
  'head',
  'suspend',
  'reactivate',
  'export',
  'cancel',
  'drill',
  'incident',
  'maintenance',
] as const;

const DEPARTMENT_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

function parseRoles(value: string): Role[] | undefined {
  const parts = value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0 || !parts.every(isRole)) return undefined;
  return parts as Role[];
}

/** `/oa maintenance log [period]`: the period as typed (the domain reads it as `/oa report` does). */
function parseMaintenanceLog(words: string[]): OaCommand {
  return { kind: 'maintenance_log', ...(words.length ? { period: words.join(' ') } : {}) };
}

/**
 * `/oa report [period] [department] [detail <key> | xlsx]`. A period looks like 2026-11, 2026-Q4,
 * 2026 or last-30-days; another word before `detail`/`xlsx` is a department key.
 */
function parseReport(words: string[]): OaCommand {
  const command: Extract<OaCommand, { kind: 'report' }> = { kind: 'report' };
  const at = words.findIndex((word) => ['detail', 'xlsx'].includes(word.toLowerCase()));
  const head = at < 0 ? words : words.slice(0, at);
  if (at >= 0) {
    const [what, key, ...more] = words.slice(at);
    if (what!.toLowerCase() === 'xlsx') {
      if (key) return { kind: 'usage', subcommand: 'report' };
      command.xlsx = true;
    } else {
      if (!key || more.length > 0) return { kind: 'usage', subcommand: 'report' };
      command.detail = key.toLowerCase();
    }
  }
  if (head.length > 2) return { kind: 'usage', subcommand: 'report' };
  const [a, b] = head;
  if (a && /^(\d{4}|last-|this-month)/i.test(a)) {
    command.period = a;
    if (b) command.departmentKey = b;
  } else if (a) {
    if (b) return { kind: 'usage', subcommand: 'report' };
    command.departmentKey = a;
  }
  return command;
}

export function parseOaText(raw: string): OaCommand {
  const text = raw.trim();
  if (text.length > MAX_COMMAND_TEXT) return { kind: 'too_long', length: text.length };
  const [first, ...rest] = text.split(/\s+/).filter(Boolean);
  const subcommand = (first ?? 'help').toLowerCase();
  const [a, b, ...extra] = rest;
  const tooMany = extra.length > 0;
  // `maintenance log [period]` is parsed on its own (other `maintenance …` words are not its business).
  if (subcommand === 'maintenance' && a?.toLowerCase() === 'log') return parseMaintenanceLog(rest.slice(1));
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
    case 'register':
      return { kind: 'register' };
    case 'drill':
      return { kind: 'drill' };
    case 'incident':
    case 'incidents':
    case '事件':
      return { kind: 'incident', incident: parseIncidentText(rest, textAfterWords(text, 1)) };
    case 'maintenance':
    case '維護': {
      const maintenance = parseMaintenanceText(rest, textAfterWords(text, 1));
      return maintenance
        ? { kind: 'maintenance', maintenance }
        : { kind: 'unknown', subcommand: `${first} ${a ?? ''}`.trim() };
    }
    case 'lock-my-account': {
      const whatHappened = rest.join(' ').trim();
      if (!whatHappened) return { kind: 'usage', subcommand: 'lock-my-account' };
      return { kind: 'lock_my_account', whatHappened };
    }
    case 'report':
      return parseReport(rest);
    case 'spotcheck':
    case 'scorecard':
    case 'audit':
      return parseSupervisionText(subcommand, rest);
    case 'status': {
      if (!a || b || !REFERENCE.test(a.toUpperCase())) return { kind: 'usage', subcommand: 'status' };
      return { kind: 'status', reference: a.toUpperCase() };
    }
    case 'search': {
      const filters = parseSearch(rest);
      if (!filters || Object.keys(filters).length === 0) return { kind: 'usage', subcommand: 'search' };
      return { kind: 'search', filters };
    }
    case 'export': {
      if (!a || !b || tooMany || !ISO_DATE.test(a) || !ISO_DATE.test(b))
        return { kind: 'usage', subcommand: 'export' };
      return { kind: 'export', from: a, to: b };
    }
    case 'cancel': {
      const reason = rest.slice(1).join(' ');
      if (!a || !REFERENCE.test(a.toUpperCase()) || !reason) return { kind: 'usage', subcommand: 'cancel' };
      return { kind: 'cancel', reference: a.toUpperCase(), reason };
    }
    case 'away':
    case '代理':
      return { kind: 'away', away: parseAwayText(rest) };
    default:
      return { kind: 'unknown', subcommand: first ?? '' };
  }
}
