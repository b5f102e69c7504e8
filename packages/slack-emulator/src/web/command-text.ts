/**
 * What Slack does to the text of a slash command before the app sees it: `&`, `<` and `>` arrive
 * as `&amp;`, `&lt;`, `&gt;`, and for a command declared with `should_escape` the people and
 * channels the person named arrive as `<@U…|handle>` and `<#C…|name>`. The page sends through
 * this so an app that forgets to decode shows the same bug here as in Slack.
 */

export interface Directory {
  /** A person by the handle the composer's autocomplete inserts (`@alice.chen`). */
  userIdByHandle(handle: string): string | undefined;
  channelIdByName(name: string): string | undefined;
}

export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const BROADCASTS = new Set(['here', 'channel', 'everyone']);
const TOKEN = /(^|[\s(])([@#])([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu;

/** `alice.chen.` at the end of a sentence still means `alice.chen`. */
function resolve(name: string, lookup: (n: string) => string | undefined): [string, string] | undefined {
  const trimmed = name.replace(/[._-]+$/, '');
  for (const candidate of [name, trimmed]) {
    const id = lookup(candidate);
    if (id) return [id, candidate];
  }
  return undefined;
}

export function commandText(raw: string, shouldEscape: boolean, directory: Directory): string {
  const escaped = escapeSlackText(raw);
  if (!shouldEscape) return escaped;
  return escaped.replace(TOKEN, (whole, lead: string, sigil: string, name: string) => {
    if (sigil === '@' && BROADCASTS.has(name)) return `${lead}<!${name}>`;
    const found =
      sigil === '@'
        ? resolve(name, (n) => directory.userIdByHandle(n))
        : resolve(name, (n) => directory.channelIdByName(n));
    if (!found) return whole;
    const [id, matched] = found;
    const rest = name.slice(matched.length);
    return `${lead}<${sigil}${id}|${matched}>${rest}`;
  });
}
