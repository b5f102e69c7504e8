/** A Web API failure as Slack reports it: HTTP 200 with `{ ok: false, error, response_metadata? }`. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly messages: string[] = [],
  ) {
    super(messages.length > 0 ? `${code}: ${messages.join('; ')}` : code);
    this.name = 'SlackApiError';
  }
}

/** Slack's answer when a required argument is missing. */
export function missingArgument(name: string): SlackApiError {
  return new SlackApiError('invalid_arguments', [`[ERROR] missing required field: ${name}`]);
}
