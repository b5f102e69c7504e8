/**
 * The page's own files (HTML, CSS, browser JavaScript as `.mjs` modules), served from `static/`
 * next to this module: the package runs from its TypeScript sources (tsx, ts-jest), so they are
 * always there. Plain files, no build step. Every response forbids inline script: even if a message's text reached
 * the DOM as markup, the browser would not run it.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sendText } from '../http-util';

export const STATIC_DIR = join(__dirname, 'static');

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // Image blocks point anywhere on the web, as in Slack.
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-cache',
};

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Only plain names, so a request can never climb out of the folder. */
const NAME = /^[a-z0-9][a-z0-9-]*\.(html|mjs|css|svg)$/;

export async function sendStatic(res: ServerResponse, name: string): Promise<void> {
  const extension = NAME.exec(name)?.[1];
  const type = extension ? TYPES[extension] : undefined;
  if (!type) {
    sendText(res, 404, 'Not Found');
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(join(STATIC_DIR, name));
  } catch {
    sendText(res, 404, `Not Found: ${name} is not in ${STATIC_DIR}`);
    return;
  }
  for (const [header, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(header, value);
  sendText(res, 200, bytes, type);
}
