/**
 * Reading Web API arguments. Form bodies carry everything as strings and JSON bodies carry real
 * types, so each reader accepts both, as Slack does.
 */
import { missingArgument, SlackApiError } from '../api-error';
import type { FilesState } from '../files-state';
import type { JsonObject } from '../json';
import type { ViewsState } from '../views-state';
import type { WorkspaceState } from '../workspace-state';

export type ApiArgs = Record<string, unknown>;

export interface ApiContext {
  workspace: WorkspaceState;
  views: ViewsState;
  files: FilesState;
  /** The emulator's base URL, for permalinks and `auth.test`'s `url`. */
  baseUrl: () => string;
  clock: () => number;
  /** A fresh single-use Socket Mode WebSocket URL, for apps.connections.open. */
  socketModeUrl: () => string;
}

export type ApiMethod = (args: ApiArgs, ctx: ApiContext) => JsonObject;

export function optionalString(args: ApiArgs, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function requiredString(args: ApiArgs, name: string): string {
  const value = optionalString(args, name);
  if (value === undefined || value === '') throw missingArgument(name);
  return value;
}

export function optionalBool(args: ApiArgs, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function optionalInt(args: ApiArgs, name: string): number | undefined {
  const value = optionalString(args, name);
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new SlackApiError('invalid_arguments', [`[ERROR] ${name} must be an integer`]);
  return n;
}

/**
 * Slack's cursors are opaque base64 strings; ours encode the offset of the next item.
 * An empty `next_cursor` means there is nothing more.
 */
export function paginate<T>(
  items: readonly T[],
  args: ApiArgs,
  defaultLimit: number,
): { page: T[]; response_metadata: { next_cursor: string } } {
  const limit = Math.min(optionalInt(args, 'limit') || defaultLimit || items.length, 1000);
  const cursor = optionalString(args, 'cursor');
  let start = 0;
  if (cursor) {
    const match = /^next:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match?.[1]) throw new SlackApiError('invalid_cursor');
    start = Number(match[1]);
  }
  const end = start + Math.max(limit, 1);
  const next = end < items.length ? Buffer.from(`next:${end}`).toString('base64') : '';
  return { page: items.slice(start, end), response_metadata: { next_cursor: next } };
}
