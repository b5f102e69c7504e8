import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type BufferedIncomingMessage, HTTPModuleFunctions, isRawBodyError } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * Slack's requests are small: a slash command is a few hundred bytes, a modal submission at most
 * a few tens of kilobytes (100 blocks, 3,000 characters of private_metadata). Bolt's default is
 * 4 MB, and it buffers a body before checking its signature, so unsigned 4 MB posts cost memory
 * (100 at once took the process from 186 to 464 MB). 1 MB leaves room for anything Slack sends.
 */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Slack's signing scheme refuses timestamps more than five minutes old (Bolt checks that); a
 * timestamp as far in the future is no more plausible, so the same window applies both ways.
 */
export const SLACK_TIMESTAMP_SKEW_SECONDS = 5 * 60;

export interface GuardOptions {
  /** The path Slack posts to (`/slack/events`); other routes pass through untouched. */
  endpoint: string;
  signingSecret: string;
  logger: Logger;
  bodyLimitBytes?: number;
  now?: () => number;
  /** Told of each request refused as not Slack's (no valid signature, a timestamp far off): counted. */
  onRefused?: (reason: 'bad_signature' | 'future_timestamp') => void;
}

/**
 * Stands in front of Bolt's HTTPReceiver for Slack's endpoint and refuses, before Bolt sees them:
 * a body over the limit (413, from its Content-Length before reading anything, or as soon as a
 * chunked body passes it; the connection is closed so the rest is never read), a timestamp in the
 * future beyond the skew (401), and a signed body that parses to something other than an object
 * (400: a JSON `null` payload would otherwise throw inside Bolt and leave the request unanswered).
 * Everything else goes to Bolt with the body already read, which verifies and answers as before.
 */
export function guardSlackRequests(bolt: RequestListener, options: GuardOptions): RequestListener {
  const limit = options.bodyLimitBytes ?? SLACK_BODY_LIMIT_BYTES;
  const now = options.now ?? Date.now;
  const refuse = (res: ServerResponse, status: number, why: string) => {
    options.logger.warn({ status }, `Slack request refused: ${why}`);
    if (!res.headersSent) res.writeHead(status, { connection: 'close' });
    res.end();
  };
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== options.endpoint) {
      bolt(req, res);
      return;
    }
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp - now() / 1000 > SLACK_TIMESTAMP_SKEW_SECONDS) {
      refuse(res, 401, 'timestamp in the future');
      options.onRefused?.('future_timestamp');
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      refuse(res, 413, `body of ${declared} bytes over the limit of ${limit}`);
      return;
    }
    void screen(req, res).catch((error: unknown) => {
      options.logger.warn({ err: error }, 'Slack request could not be read');
      refuse(res, 400, 'unreadable body');
    });
  };

  async function screen(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, limit);
    } catch (error) {
      if (isRawBodyError(error) && error.statusCode === 413) {
        refuse(res, 413, `chunked body over the limit of ${limit}`);
        return;
      }
      throw error;
    }
    const isSigned = await signed(buffered);
    if (isSigned && !isObject(parse(buffered))) {
      refuse(res, 400, 'signed body that is not an object');
      return;
    }
    // Bolt answers 401 to it below; the guard counts it, as nobody else sees it.
    if (!isSigned) options.onRefused?.('bad_signature');
    // Unsigned, or parsed to an object: Bolt answers (401, 400 on an unparsable body, or handles it).
    bolt(buffered, res);
  }

  async function signed(req: BufferedIncomingMessage): Promise<boolean> {
    try {
      // Bolt reuses the buffered body; a failure here is Bolt's to answer (401).
      await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
        { enabled: true, signingSecret: options.signingSecret },
        req,
      );
      return true;
    } catch {
      return false;
    }
  }
}

function parse(req: BufferedIncomingMessage): unknown {
  try {
    return HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch {
    // Unparsable: Bolt answers 400 itself.
    return {};
  }
}

const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
