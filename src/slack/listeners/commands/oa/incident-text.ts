import { parseSeverity, type Severity, type UntilText } from '../../../../domain/incidents/model';

/**
 * Parses `/oa incident …` and `/oa maintenance …` (after the subcommand word). Pure. Sub-words in
 * English or Chinese (開始, 更新, 解除, 廣播, 演練…); severities as in `parseSeverity`; an incident
 * as `12`, `#12` or `INC-12`; channels as Slack escapes them (`<#C123|name>`) or bare ids.
 */

export type IncidentCommand =
  | { action: 'list' }
  | { action: 'start'; severity: Severity; summary: string; drill: boolean }
  | { action: 'update'; id: number; text: string }
  | { action: 'resolve'; id: number; summary: string }
  | { action: 'broadcast'; id: number; channels: string[]; text: string; live: boolean }
  | { action: 'bad_severity'; value: string }
  | { action: 'usage' };

export type MaintenanceCommand =
  | { action: 'status' }
  | { action: 'on'; until: UntilText; reason: string }
  | { action: 'off' }
  | { action: 'bad_until'; value: string }
  | { action: 'no_reason' }
  | { action: 'usage' };

const INCIDENT_WORDS: Record<string, Exclude<IncidentCommand['action'], 'bad_severity' | 'usage'> | 'drill'> =
  {
    list: 'list',
    清單: 'list',
    列表: 'list',
    start: 'start',
    開始: 'start',
    啟動: 'start',
    drill: 'drill',
    演練: 'drill',
    update: 'update',
    更新: 'update',
    resolve: 'resolve',
    resolved: 'resolve',
    解除: 'resolve',
    結束: 'resolve',
    broadcast: 'broadcast',
    廣播: 'broadcast',
  };

const INCIDENT_ID = /^(?:#|inc-?)?(\d{1,9})$/i;
const CHANNEL = /^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$|^([CG][A-Z0-9]{6,})$/;

export function parseIncidentId(word: string | undefined): number | undefined {
  const match = word ? INCIDENT_ID.exec(word.normalize('NFKC')) : null;
  return match ? Number(match[1]) : undefined;
}

/** The text after the first `n` words of `raw`, its line breaks kept ('' when there is none). */
export function textAfterWords(raw: string, n: number): string {
  const word = /\S+/g;
  for (let i = 0; i < n; i++) if (!word.exec(raw)) return '';
  return raw.slice(word.lastIndex).trim();
}

/**
 * `raw`: the text after the subcommand word, as typed; summaries and broadcast texts keep its
 * line breaks (a broadcast of several lines stays one).
 */
export function parseIncidentText(words: string[], raw = words.join(' ')): IncidentCommand {
  const [first, ...rest] = words;
  if (!first) return { action: 'list' };
  const action = INCIDENT_WORDS[first.toLowerCase()];
  switch (action) {
    case 'list':
      return rest.length ? { action: 'usage' } : { action: 'list' };
    case 'start':
    case 'drill': {
      const [severityWord, ...summary] = rest;
      if (!severityWord || summary.length === 0) return { action: 'usage' };
      const severity = parseSeverity(severityWord);
      if (!severity) return { action: 'bad_severity', value: severityWord };
      return { action: 'start', severity, summary: textAfterWords(raw, 2), drill: action === 'drill' };
    }
    case 'update':
    case 'resolve': {
      const [idWord, ...text] = rest;
      const id = parseIncidentId(idWord);
      if (id === undefined || text.length === 0) return { action: 'usage' };
      return action === 'update'
        ? { action, id, text: textAfterWords(raw, 2) }
        : { action, id, summary: textAfterWords(raw, 2) };
    }
    case 'broadcast': {
      const [idWord, ...tail] = rest;
      const id = parseIncidentId(idWord);
      if (id === undefined) return { action: 'usage' };
      let live = false;
      const channels: string[] = [];
      let i = 0;
      for (; i < tail.length; i++) {
        const word = tail[i] ?? '';
        if (word.toLowerCase() === '--live') {
          live = true;
          continue;
        }
        const channel = CHANNEL.exec(word);
        if (!channel) break;
        channels.push((channel[1] ?? channel[2]) as string);
      }
      const text = i < tail.length ? textAfterWords(raw, 2 + i) : '';
      if (channels.length === 0 || !text) return { action: 'usage' };
      return { action: 'broadcast', id, channels, text, live };
    }
    default:
      return { action: 'usage' };
  }
}

const CLOCK = /^(\d{1,2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `2h`, `90m`, `1h30m`, `2小時`, `30分鐘`; seconds (`45s`) for short windows and tests. */
const DURATION =
  /^(?:(\d{1,3})(?:h|hr|hrs|小時))?(?:(\d{1,4})(?:m|min|mins|分鐘|分))?(?:(\d{1,5})(?:s|sec|秒))?$/i;

const minuteOf = (hhmm: string): number | undefined => {
  const match = CLOCK.exec(hhmm);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
};

/** `until` and the words it took: a clock time, a date and a clock time, or a duration. */
function parseUntil(words: string[]): { until: UntilText; used: number } | undefined {
  const [first = '', second = ''] = words.map((word) => word.normalize('NFKC'));
  const date = DATE.exec(first);
  if (date) {
    const month = Number(date[2]);
    const day = Number(date[3]);
    const minute = minuteOf(second);
    if (month < 1 || month > 12 || day < 1 || day > 31 || minute === undefined) return undefined;
    return { until: { kind: 'datetime', date: first, minute }, used: 2 };
  }
  const minute = minuteOf(first);
  if (minute !== undefined) return { until: { kind: 'clock', minute }, used: 1 };
  const duration = DURATION.exec(first);
  if (duration && (duration[1] || duration[2] || duration[3])) {
    const seconds =
      Number(duration[1] ?? 0) * 3600 + Number(duration[2] ?? 0) * 60 + Number(duration[3] ?? 0);
    return seconds > 0 ? { until: { kind: 'duration', seconds }, used: 1 } : undefined;
  }
  return undefined;
}

const MAINTENANCE_ON = ['on', '開始', '開啟', '開'];
const MAINTENANCE_OFF = ['off', '結束', '關閉', '關'];

/** Null: a sub-word that is not ours (`log` belongs to the maintenance log), answered as unknown. */
export function parseMaintenanceText(words: string[], raw = words.join(' ')): MaintenanceCommand | null {
  const [first, ...rest] = words;
  if (!first) return { action: 'status' };
  const word = first.toLowerCase();
  if (MAINTENANCE_OFF.includes(word)) return rest.length ? { action: 'usage' } : { action: 'off' };
  if (!MAINTENANCE_ON.includes(word)) return null;
  if (rest.length === 0) return { action: 'usage' };
  const parsed = parseUntil(rest);
  if (!parsed)
    return { action: 'bad_until', value: rest.slice(0, DATE.test(rest[0] ?? '') ? 2 : 1).join(' ') };
  const reason = textAfterWords(raw, 1 + parsed.used);
  if (!reason) return { action: 'no_reason' };
  return { action: 'on', until: parsed.until, reason };
}
