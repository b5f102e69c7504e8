import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import YAML, { CST, Lexer, LineCounter } from 'yaml';
import { z } from 'zod';
import { type Locale, SUPPORTED_LOCALES } from '../../config';
import { PERSON_STATUSES, type PersonStatus, ROLES, type Role } from './model';

/**
 * The org directory file that operators (and other tools) write: departments and people, as YAML
 * or JSON. Parsing never throws on bad input; it returns every problem it finds, each naming the
 * entry and the field, so the operator can fix the file in one pass.
 *
 * Optional keys have three states: absent (the file does not manage that field: it is left as it
 * is on re-import, and takes its default for a new entry), `null` (clear it), or a value.
 */

export interface OrgFileProblem {
  /** Where: `people[3] (bob@example.org).department`, `line 4, column 7`, `(file)`. */
  path: string;
  message: string;
}

export interface OrgFileDepartment {
  key: string;
  name: string;
  nameZh?: string | null;
  /** Key of the parent department (always a department of the same file). */
  parent?: string | null;
  /** Slack user id or (lower-cased) email of the head, in the file or already in the database. */
  head?: string | null;
}

export interface OrgFilePerson {
  /** At least one of `slackId` and `email` is present. */
  slackId?: string;
  /** Lower-cased. */
  email?: string;
  name: string;
  /** Key of a department of the same file. */
  department: string;
  position?: string | null;
  contact?: string | null;
  /** Normalised (sorted, unique); `guest` never comes with another role. */
  roles?: Role[];
  status?: PersonStatus;
  locale?: Locale | null;
  /** Canonical IANA name. */
  timezone?: string | null;
}

/** A file library category (issue 15): added on import when its key is not there yet. */
export interface OrgFileCategory {
  key: string;
  name: string;
  /** Key of a category listed earlier in the same file. */
  parent?: string;
  /** New versions of its files are reviewed before they are current. */
  important?: boolean;
}

export interface OrgFile {
  departments: OrgFileDepartment[];
  people: OrgFilePerson[];
  /** Optional `file_categories:` list; absent: the file does not manage categories. */
  fileCategories?: OrgFileCategory[];
}

export type OrgFileResult = { ok: true; file: OrgFile } | { ok: false; problems: OrgFileProblem[] };

export type OrgFileFormat = 'yaml' | 'json';

// --- field schemas --------------------------------------------------------------------------------

const required = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

const text = (max: number) =>
  z
    .string({ error: required('text') })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

/** Optional text where `null` and "" both mean "clear it". */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    text(max).nullable().optional(),
  );

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,31}$/;
const DEPARTMENT_KEY = /^[a-z0-9-]{1,64}$/;

const departmentKey = z
  .string({ error: required('a department key') })
  .trim()
  .regex(DEPARTMENT_KEY, {
    error: 'must be 1–64 characters of a-z, 0-9 and "-" (for example general-office)',
  });

const slackId = z
  .string({ error: required('a Slack user id') })
  .trim()
  .regex(SLACK_USER_ID, { error: 'must be a Slack user id such as U0123ABCD' });

const email = z
  .string({ error: required('an email address') })
  .trim()
  .toLowerCase()
  .max(320, { error: 'must be at most 320 characters' })
  .pipe(z.email({ error: 'must be an email address such as alice@example.org' }));

const personRef = z
  .string({ error: required('a Slack user id or an email address') })
  .trim()
  .refine((value) => SLACK_USER_ID.test(value) || z.email().safeParse(value).success, {
    error: 'must be a Slack user id (U…/W…) or the email address of a person',
  })
  .transform((value) => (SLACK_USER_ID.test(value) ? value : value.toLowerCase()));

function canonicalTimezone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const timezone = z
  .string({ error: required('an IANA time zone') })
  .trim()
  .transform((zone, ctx) => {
    const canonical = zone === '' ? null : canonicalTimezone(zone);
    if (canonical) return canonical;
    ctx.addIssue({
      code: 'custom',
      message: `unknown time zone "${zone}" (use an IANA name such as Asia/Taipei)`,
    });
    return z.NEVER;
  });

const role = z.enum(ROLES, {
  error: (issue) => `unknown role ${JSON.stringify(issue.input)} (expected one of ${ROLES.join(', ')})`,
});

/** Identity fields cannot be cleared by an import; `null` is read as "not given". */
const nullAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

export const orgFileDepartmentSchema = z.strictObject({
  key: departmentKey,
  name: text(200),
  name_zh: optionalText(200),
  parent: departmentKey.nullable().optional(),
  head: personRef.nullable().optional(),
});

export const orgFilePersonSchema = z.strictObject({
  slack_id: nullAsAbsent(slackId),
  email: nullAsAbsent(email),
  name: text(200),
  department: departmentKey,
  position: optionalText(200),
  contact: optionalText(200),
  roles: z
    .array(role, { error: required(`a list of roles, for example [user]`) })
    .min(1, { error: `must list at least one role (${ROLES.join(', ')})` })
    .optional(),
  status: z
    .enum(PERSON_STATUSES, {
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `must be one of ${PERSON_STATUSES.join(', ')}, not ${JSON.stringify(issue.input)}`,
    })
    .optional(),
  locale: z
    .enum(SUPPORTED_LOCALES, {
      error: (issue) => `must be one of ${SUPPORTED_LOCALES.join(', ')}, not ${JSON.stringify(issue.input)}`,
    })
    .nullable()
    .optional(),
  timezone: timezone.nullable().optional(),
});

const categoryKey = z
  .string({ error: required('a key such as contracts') })
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
    error: 'must be lower-case letters, digits, - and _ (up to 40), such as contracts',
  });

export const orgFileCategorySchema = z.strictObject({
  key: categoryKey,
  name: text(80),
  parent: categoryKey.optional(),
  important: z.boolean({ error: 'must be true or false' }).optional(),
});

export const orgFileSchema = z.strictObject({
  departments: z.array(orgFileDepartmentSchema, { error: 'must be a list of departments' }).default([]),
  people: z.array(orgFilePersonSchema, { error: 'must be a list of people' }).default([]),
  file_categories: z.array(orgFileCategorySchema, { error: 'must be a list of categories' }).optional(),
});

const KNOWN_KEYS: Record<string, readonly string[]> = {
  file: Object.keys(orgFileSchema.shape),
  departments: Object.keys(orgFileDepartmentSchema.shape),
  people: Object.keys(orgFilePersonSchema.shape),
  file_categories: Object.keys(orgFileCategorySchema.shape),
};

// --- paths -----------------------------------------------------------------------------------------

type Section = 'departments' | 'people';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short human label for an entry: the department key, or the person's email, Slack id or name. */
function entryLabel(section: Section, entry: unknown): string | undefined {
  if (!isRecord(entry)) return undefined;
  const candidates = section === 'departments' ? [entry.key] : [entry.email, entry.slack_id, entry.name];
  const label = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
  return typeof label === 'string' ? label.trim() : undefined;
}

/** `people[3] (bob@example.org)`: the form every problem about an entry starts with. */
export function entryPath(section: Section, index: number, label?: string): string {
  return label ? `${section}[${index}] (${label})` : `${section}[${index}]`;
}

function formatPath(path: readonly PropertyKey[], data: unknown): string {
  const [section, index, ...rest] = path;
  if (section === undefined) return '(file)';
  if ((section !== 'departments' && section !== 'people') || typeof index !== 'number') {
    return [section, index, ...rest]
      .filter((part) => part !== undefined)
      .map(String)
      .join('.');
  }
  const entries = isRecord(data) ? data[section] : undefined;
  const entry = Array.isArray(entries) ? entries[index] : undefined;
  let out = entryPath(section, index, entryLabel(section, entry));
  for (const part of rest) out += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return out;
}

// --- validation ----------------------------------------------------------------------------------

/** Validates already-parsed data (from YAML, JSON or a test) and reports every problem. */
export function validateOrgData(data: unknown): OrgFileResult {
  if (data === null || data === undefined) {
    return {
      ok: false,
      problems: [
        { path: '(file)', message: 'the file is empty; expected "departments:" and "people:" lists' },
      ],
    };
  }
  if (!isRecord(data)) {
    return {
      ok: false,
      problems: [{ path: '(file)', message: 'must be a mapping with "departments" and "people" lists' }],
    };
  }

  const problems: OrgFileProblem[] = [];
  const parsed = orgFileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const section = issue.path[0];
        const known =
          KNOWN_KEYS[typeof section === 'string' && issue.path.length > 1 ? section : 'file'] ?? [];
        for (const key of issue.keys) {
          problems.push({
            path: formatPath([...issue.path, key], data),
            message: `unknown key "${key}" (expected ${known.join(', ')})`,
          });
        }
      } else {
        problems.push({ path: formatPath(issue.path, data), message: issue.message });
      }
    }
  }
  problems.push(...crossCheck(data), ...categoryProblems(data));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, file: toOrgFile(parsed.data) };
}

/** Problems of the file as a whole first, then entry by entry (stable within an entry). */
export function sortProblems(problems: OrgFileProblem[]): OrgFileProblem[] {
  const rank = (problem: OrgFileProblem) => {
    const match = /^(departments|people)\[(\d+)\]/.exec(problem.path);
    if (!match) return -1;
    return (match[1] === 'departments' ? 0 : 1e9) + Number(match[2]);
  };
  return problems
    .map((problem, order) => ({ problem, order, rank: rank(problem) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ problem }) => problem);
}

/** The value of one field if it is valid on its own, else undefined (its problem is already listed). */
function valid<T extends z.ZodType>(schema: T, value: unknown): z.output<T> | undefined {
  if (value === undefined || value === null) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** The entries of a section; one that is not a mapping is undefined here (its problem is already listed). */
function rawEntries(
  data: Record<string, unknown>,
  section: Section,
): (Record<string, unknown> | undefined)[] {
  const entries = data[section];
  return Array.isArray(entries) ? entries.map((entry) => (isRecord(entry) ? entry : undefined)) : [];
}

/**
 * Rules between entries: unique keys, Slack ids and emails; departments and parents that exist;
 * no parent cycles; `guest` alone. They read each field only where the field is valid by itself,
 * so one bad field gives one problem, not a cascade.
 */
function crossCheck(data: Record<string, unknown>): OrgFileProblem[] {
  const problems: OrgFileProblem[] = [];
  const departments = rawEntries(data, 'departments');
  const people = rawEntries(data, 'people');
  const at = (section: Section, index: number, field: string) =>
    `${entryPath(section, index, entryLabel(section, (data[section] as unknown[])[index]))}.${field}`;

  const departmentIndex = new Map<string, number>();
  departments.forEach((entry, index) => {
    const key = valid(departmentKey, entry?.key);
    if (key === undefined) return;
    const first = departmentIndex.get(key);
    if (first === undefined) departmentIndex.set(key, index);
    else
      problems.push({
        path: at('departments', index, 'key'),
        message: `duplicate department key "${key}" (also departments[${first}])`,
      });
  });

  const parentOf = new Map<string, string>();
  departments.forEach((entry, index) => {
    if (!entry) return;
    const key = valid(departmentKey, entry.key);
    const parent = valid(departmentKey, entry.parent);
    if (parent === undefined) return;
    if (!departmentIndex.has(parent)) {
      problems.push({ path: at('departments', index, 'parent'), message: `unknown department "${parent}"` });
    } else if (key !== undefined && departmentIndex.get(key) === index) {
      parentOf.set(key, parent);
    }
  });
  problems.push(...parentCycles(parentOf, departmentIndex, at));

  const slackIds = new Map<string, number>();
  const emails = new Map<string, number>();
  people.forEach((entry, index) => {
    if (!entry) return;
    const id = valid(slackId, entry.slack_id);
    const address = valid(email, entry.email);
    if (entry.slack_id == null && entry.email == null) {
      problems.push({
        path: entryPath('people', index, entryLabel('people', entry)),
        message: 'needs slack_id or email (or both) to identify the person',
      });
    }
    for (const [value, seen, field, what] of [
      [id, slackIds, 'slack_id', 'Slack user id'],
      [address, emails, 'email', 'email'],
    ] as const) {
      if (value === undefined) continue;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else
        problems.push({
          path: at('people', index, field),
          message: `duplicate ${what} "${value}" (also people[${first}])`,
        });
    }

    const department = valid(departmentKey, entry.department);
    if (department !== undefined && !departmentIndex.has(department)) {
      problems.push({
        path: at('people', index, 'department'),
        message: `unknown department "${department}"`,
      });
    }

    if (Array.isArray(entry.roles)) {
      const roles = entry.roles.filter((value): value is Role => valid(role, value) !== undefined);
      if (roles.includes('guest') && roles.some((value) => value !== 'guest')) {
        problems.push({
          path: at('people', index, 'roles'),
          message: `guest cannot be combined with other roles (got ${roles.join(', ')})`,
        });
      }
    }
  });
  return problems;
}

function parentCycles(
  parentOf: Map<string, string>,
  departmentIndex: Map<string, number>,
  at: (section: Section, index: number, field: string) => string,
): OrgFileProblem[] {
  const problems: OrgFileProblem[] = [];
  const reported = new Set<string>();
  const ordered = [...departmentIndex.entries()].sort((a, b) => a[1] - b[1]);
  for (const [start] of ordered) {
    const chain: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !chain.includes(current) && !reported.has(current)) {
      chain.push(current);
      current = parentOf.get(current);
    }
    if (current === undefined || reported.has(current)) continue;
    // `current` is on the chain: the cycle is the chain from there. Report it once, at the member
    // listed first in the file, starting the arrow from that member.
    const cycle = chain.slice(chain.indexOf(current));
    for (const member of cycle) reported.add(member);
    const first = cycle.reduce((best, member) =>
      (departmentIndex.get(member) ?? 0) < (departmentIndex.get(best) ?? 0) ? member : best,
    );
    const rotated = [...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first)), first];
    problems.push({
      path: at('departments', departmentIndex.get(first) ?? 0, 'parent'),
      message: `parent cycle ${rotated.join(' → ')}`,
    });
  }
  return problems;
}

/** Category keys are unique, and a parent is a category listed before its children (so no cycles). */
function categoryProblems(data: Record<string, unknown>): OrgFileProblem[] {
  const entries = data.file_categories;
  if (!Array.isArray(entries)) return [];
  const problems: OrgFileProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    const key = valid(categoryKey, entry.key);
    const parent = valid(categoryKey, entry.parent);
    const label = key ? `file_categories[${index}] (${key})` : `file_categories[${index}]`;
    if (parent !== undefined && !seen.has(parent))
      problems.push({
        path: `${label}.parent`,
        message: `unknown category "${parent}" (a parent is listed before its children)`,
      });
    if (key === undefined) return;
    if (seen.has(key)) problems.push({ path: `${label}.key`, message: `duplicate category key "${key}"` });
    seen.add(key);
  });
  return problems;
}

function toOrgFile(data: z.output<typeof orgFileSchema>): OrgFile {
  return {
    ...(data.file_categories
      ? {
          fileCategories: data.file_categories.map((entry) => ({
            key: entry.key,
            name: entry.name,
            ...(entry.parent !== undefined ? { parent: entry.parent } : {}),
            ...(entry.important !== undefined ? { important: entry.important } : {}),
          })),
        }
      : {}),
    departments: data.departments.map((entry) => {
      const department: OrgFileDepartment = { key: entry.key, name: entry.name };
      if (entry.name_zh !== undefined) department.nameZh = entry.name_zh;
      if (entry.parent !== undefined) department.parent = entry.parent;
      if (entry.head !== undefined) department.head = entry.head;
      return department;
    }),
    people: data.people.map((entry) => {
      const person: OrgFilePerson = { name: entry.name, department: entry.department };
      if (entry.slack_id !== undefined) person.slackId = entry.slack_id;
      if (entry.email !== undefined) person.email = entry.email;
      if (entry.position !== undefined) person.position = entry.position;
      if (entry.contact !== undefined) person.contact = entry.contact;
      if (entry.roles !== undefined) {
        const unique = new Set(entry.roles);
        person.roles = ROLES.filter((value) => unique.has(value));
      }
      if (entry.status !== undefined) person.status = entry.status;
      if (entry.locale !== undefined) person.locale = entry.locale;
      if (entry.timezone !== undefined) person.timezone = entry.timezone;
      return person;
    }),
  };
}

// --- parsing -------------------------------------------------------------------------------------

/** JSON or YAML by the first meaningful character, for files without an extension. */
export function sniffFormat(text: string): OrgFileFormat {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/**
 * Parses the text of an org file and validates it. Never throws. One parser reads both formats
 * (JSON is YAML with fewer forms); a JSON file must also keep to JSON's grammar.
 */
export function parseOrgFile(text: string, format: OrgFileFormat = sniffFormat(text)): OrgFileResult {
  const source = text.replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(source, {
    lineCounter,
    uniqueKeys: true,
    schema: format === 'json' ? 'json' : 'core',
  });
  const [error] = doc.errors;
  const syntax =
    (format === 'json' ? findJsonSyntaxError(source) : null) ??
    (error && { offset: error.pos[0], message: error.message });
  const invalid = `invalid ${format === 'json' ? 'JSON' : 'YAML'}`;
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.offset);
    return {
      ok: false,
      problems: [{ path: `line ${line}, column ${col}`, message: `${invalid}: ${syntax.message}` }],
    };
  }
  try {
    return validateOrgData(doc.toJS({ maxAliasCount: 100 }));
  } catch (cause) {
    // toJS throws on alias bombs and the like; the file is still just bad input.
    return { ok: false, problems: [{ path: '(file)', message: `${invalid}: ${(cause as Error).message}` }] };
  }
}

/** Reads and parses a file: .yaml/.yml and .json by extension, sniffed when there is none. Never throws. */
export async function readOrgFile(filePath: string): Promise<OrgFileResult> {
  const extension = extname(filePath).toLowerCase();
  let format: OrgFileFormat | undefined;
  if (extension === '.yaml' || extension === '.yml') format = 'yaml';
  else if (extension === '.json') format = 'json';
  else if (extension !== '') {
    return {
      ok: false,
      problems: [
        { path: '(file)', message: `unsupported file type "${extension}": use .yaml, .yml or .json` },
      ],
    };
  }
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `file not found: ${filePath}`
        : code === 'EISDIR'
          ? `${filePath} is a directory, not a file`
          : `cannot read ${filePath}: ${(cause as Error).message}`;
    return { ok: false, problems: [{ path: '(file)', message }] };
  }
  return parseOrgFile(text, format);
}

// --- JSON's grammar over YAML's tokens ------------------------------------------------------------

type JsonToken = { type: string; offset: number; text: string };

/** The YAML lexer's tokens with their offsets, without spaces, line breaks and its own markers. */
function jsonTokens(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    const type = CST.tokenType(lexeme) ?? 'plain'; // a plain scalar is the one lexeme without a type
    if (type === 'scalar' || type === 'doc-mode' || type === 'flow-error-end') continue; // no room in the text
    if (type !== 'space' && type !== 'newline') tokens.push({ type, offset, text: lexeme });
    offset += lexeme.length;
  }
  return tokens;
}

const JSON_LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

/**
 * YAML reads more than JSON (trailing commas, single quotes, comments, bare words), so a JSON file
 * is also held to JSON's grammar, over the YAML lexer's tokens. Gives the first error and its offset,
 * including the duplicate keys that JSON.parse would silently drop.
 */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | null {
  const tokens = jsonTokens(text);
  let next = 0;
  const fail = (message: string, token = tokens[next]): never => {
    throw Object.assign(new Error(message), { offset: token?.offset ?? text.length });
  };
  const unexpected = (after: string): never => {
    const token = tokens[next];
    return fail(
      `${token ? `unexpected ${JSON.stringify(token.text[0])}` : 'unexpected end of file'}${after}`,
    );
  };
  const take = (type: string, expected: string) =>
    tokens[next]?.type === type ? next++ : unexpected(`, expected ${expected}`);
  const string = (): string => {
    const token = tokens[next];
    if (token?.type !== 'double-quoted-scalar') return unexpected(', expected a string');
    next++;
    try {
      return JSON.parse(token.text) as string;
    } catch {
      return fail('unterminated or invalid string', token);
    }
  };
  /** `[…]` or `{…}`: the opening bracket, items separated by commas, the closing bracket. */
  const items = (close: '}' | ']', item: () => void) => {
    const type = close === '}' ? 'flow-map-end' : 'flow-seq-end';
    next++;
    if (tokens[next]?.type === type) next++;
    else {
      for (item(); tokens[next]?.type === 'comma'; item()) next++;
      take(type, `"," or "${close}"`);
    }
  };
  const value = (): void => {
    const token = tokens[next];
    if (token?.type === 'double-quoted-scalar') string();
    else if (token?.type === 'plain' && JSON_LITERAL.test(token.text)) next++;
    else if (token?.type === 'flow-seq-start') items(']', value);
    else if (token?.type === 'flow-map-start') {
      const keys = new Set<string>();
      items('}', () => {
        const keyToken = tokens[next];
        const key = string();
        if (keys.has(key)) fail(`duplicate key ${JSON.stringify(key)}`, keyToken);
        keys.add(key);
        take('map-value-ind', '":"');
        value();
      });
    } else unexpected(', expected a value');
  };
  try {
    value();
    if (next < tokens.length) unexpected(' after the end of the JSON value');
    return null;
  } catch (error) {
    return { offset: (error as { offset: number }).offset, message: (error as Error).message };
  }
}
