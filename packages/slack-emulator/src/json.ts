/**
 * Narrowing helpers for untyped JSON: everything the emulator receives (API arguments, the app's
 * HTTP responses, Block Kit) is data from outside and is checked before use.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asObjects(value: unknown): JsonObject[] {
  return asArray(value).filter(isObject);
}

/** The text of a Block Kit text object (`{type, text}`) or of a plain string. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value)) return asString(value.text) ?? '';
  return '';
}

export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Deep copy, so callers of the programmatic API never hold references into live state. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
