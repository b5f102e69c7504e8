import { isSpotCheckType, type SpotCheckType } from '../../../../domain/supervision/finding-types';
import { parseUserRef } from './user-ref';

/**
 * The supervision group's subcommands as typed (issue 16):
 * - `/oa spotcheck [n] [request|announcement|file] [department-key] [seed:<s>]`
 * - `/oa scorecard [period] [recognise]`
 * - `/oa audit [REQ-…|ANN-…|FILE-…|@person] [period]`
 * Pure; the domain checks the numbers' range, the department and who may ask.
 */
export type SupervisionCommand =
  | {
      kind: 'spotcheck';
      n?: number;
      type: SpotCheckType;
      departmentKey?: string;
      seed?: number;
    }
  | { kind: 'spotcheck_invalid'; problem: 'type' | 'n' | 'seed'; value: string }
  | { kind: 'scorecard'; period?: string; recognise: boolean; channelId?: string }
  | { kind: 'audit'; subject?: AuditSubject; period?: string }
  | { kind: 'audit_usage' };

export type AuditSubject = { kind: 'reference'; reference: string } | { kind: 'person'; slackUserId: string };

const TYPE_WORDS: Record<string, SpotCheckType> = {
  requests: 'request',
  announcements: 'announcement',
  files: 'file',
};
const REFERENCE = /^[A-Z]{2,6}-\d{4}-\d{1,6}$/;
const looksLikePeriod = (word: string) => /^(\d{4}|last-|this-month$)/i.test(word);

function parseSpotcheck(words: string[]): SupervisionCommand {
  let n: number | undefined;
  let type: SpotCheckType | undefined;
  let seed: number | undefined;
  const others: string[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    const seedMatch = /^seed:(.*)$/.exec(lower);
    if (seedMatch) {
      if (!/^\d{1,9}$/.test(seedMatch[1] ?? ''))
        return { kind: 'spotcheck_invalid', problem: 'seed', value: word };
      seed = Number(seedMatch[1]);
    } else if (/^\d+$/.test(word) && n === undefined && type === undefined && others.length === 0) {
      n = Number(word.slice(0, 6));
    } else if (type === undefined && (isSpotCheckType(lower) || lower in TYPE_WORDS)) {
      type = isSpotCheckType(lower) ? lower : TYPE_WORDS[lower];
    } else others.push(word);
  }
  // [n] [type] [department]: two leftover words mean the first was meant as a type.
  if (others.length > 1 && type === undefined)
    return { kind: 'spotcheck_invalid', problem: 'type', value: others[0] ?? '' };
  if (others.length > 1) return { kind: 'spotcheck_invalid', problem: 'type', value: others.join(' ') };
  const departmentKey = others[0]?.toLowerCase();
  return {
    kind: 'spotcheck',
    type: type ?? 'request',
    ...(n !== undefined ? { n } : {}),
    ...(departmentKey ? { departmentKey } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

function parseAudit(words: string[]): SupervisionCommand {
  let subject: AuditSubject | undefined;
  let period: string | undefined;
  for (const word of words) {
    const person = parseUserRef(word);
    if (!subject && REFERENCE.test(word.toUpperCase()))
      subject = { kind: 'reference', reference: word.toUpperCase() };
    else if (!subject && person) subject = { kind: 'person', slackUserId: person };
    else if (!period && looksLikePeriod(word)) period = word;
    else return { kind: 'audit_usage' };
  }
  return { kind: 'audit', ...(subject ? { subject } : {}), ...(period ? { period } : {}) };
}

export function parseSupervisionText(
  subcommand: 'spotcheck' | 'scorecard' | 'audit',
  words: string[],
): SupervisionCommand {
  switch (subcommand) {
    case 'spotcheck':
      return parseSpotcheck(words);
    case 'scorecard': {
      // `recognise #channel`: where the recognition goes once approved (Slack sends `<#C…|name>`).
      const recognise = words.some((word) => /^(recogni[sz]e|表揚)$/i.test(word));
      const channelId = words
        .map((word) => /^<#([CG][A-Z0-9]{2,30})(\|[^>]*)?>$/.exec(word)?.[1])
        .find(Boolean);
      const rest = words.filter((word) => !/^(recogni[sz]e|表揚)$/i.test(word) && !word.startsWith('<#'));
      return {
        kind: 'scorecard',
        recognise,
        ...(rest[0] ? { period: rest[0] } : {}),
        ...(channelId ? { channelId } : {}),
      };
    }
    case 'audit':
      return parseAudit(words);
  }
}
