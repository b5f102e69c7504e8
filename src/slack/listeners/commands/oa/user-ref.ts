/** A person as typed in a command: a Slack mention (`<@U…|name>`) or a bare user id. */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const BARE_ID = /^[UW][A-Z0-9]{2,}$/;

export function parseUserRef(token: string | undefined): string | undefined {
  if (!token) return undefined;
  const mention = MENTION.exec(token);
  if (mention) return mention[1];
  return BARE_ID.test(token) ? token : undefined;
}
