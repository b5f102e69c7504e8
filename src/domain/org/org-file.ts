import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { type Locale, SUPPORTED_LOCALES } from '../../config';
import { PERSON_STATUSES, type PersonStatus, ROLES, type Role } from './roles';

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

export interface OrgFile {
  departments: OrgFileDepartment[];
  people: OrgFilePerson[];
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

export const orgFileSchema = z.strictObject({
  departments: z.array(orgFileDepartmentSchema, { error: 'must be a list of departments' }).default([]),
  people: z.array(orgFilePersonSchema, { error: 'must be a list of people' }).default([]),
});

const KNOWN_KEYS: Record<string, readonly string[]> = {
  file: Object.keys(orgFileSchema.shape),
  departments: Object.keys(orgFileDepartmentSchema.shape),
  people: Object.keys(orgFilePersonSchema.shape),
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
  problems.push(...crossCheck(data));
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

function toOrgFile(data: z.output<typeof orgFileSchema>): OrgFile {
  return {
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

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON or YAML by the first meaningful character, for files without an extension. */
export function sniffFormat(text: string): OrgFileFormat {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Parses the text of an org file and validates it. Never throws. */
export function parseOrgFile(text: string, format: OrgFileFormat = sniffFormat(text)): OrgFileResult {
  const source = text.replace(/^\uFEFF/, '');
  if (format === 'json') {
    const syntax = findJsonSyntaxError(source);
    if (syntax) {
      const { line, column } = lineAndColumn(source, syntax.offset);
      return {
        ok: false,
        problems: [{ path: `line ${line}, column ${column}`, message: `invalid JSON: ${syntax.message}` }],
      };
    }
    return validateOrgData(JSON.parse(source));
  }
  const doc = YAML.parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const position = error.linePos?.[0];
    const message = error.message.split(/ at line \d+/)[0] ?? error.message;
    return {
      ok: false,
      problems: [
        {
          path: position ? `line ${position.line}, column ${position.col}` : '(file)',
          message: `invalid YAML: ${message}`,
        },
      ],
    };
  }
  try {
    return validateOrgData(doc.toJS({ maxAliasCount: 100 }));
  } catch (cause) {
    // toJS throws on alias bombs and the like; the file is still just bad input.
    return {
      ok: false,
      problems: [{ path: '(file)', message: `invalid YAML: ${(cause as Error).message}` }],
    };
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

// --- JSON syntax errors with a position -----------------------------------------------------------

/**
 * Node 20's JSON.parse does not always say where the error is, so a small scanner finds the first
 * syntax error (and duplicate keys, which JSON.parse silently drops) to report a line number.
 */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | null {
  let pos = 0;
  const fail = (message: string, offset = pos): never => {
    throw Object.assign(new Error(message), { offset });
  };
  const describe = () =>
    pos >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[pos])}`;
  const skipSpace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] as string)) pos++;
  };
  const expect = (char: string, what: string) => {
    skipSpace();
    if (text[pos] !== char) fail(`${describe()}, expected ${what}`);
    pos++;
  };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = (): string => {
    STRING.lastIndex = pos;
    const match = STRING.exec(text);
    if (!match)
      fail(text[pos] === '"' ? 'unterminated or invalid string' : `${describe()}, expected a string`);
    pos += (match as RegExpExecArray)[0].length;
    return JSON.parse((match as RegExpExecArray)[0]) as string;
  };
  const value = (): void => {
    skipSpace();
    const char = text[pos];
    if (char === '{') {
      pos++;
      const keys = new Set<string>();
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      for (;;) {
        skipSpace();
        const keyOffset = pos;
        const key = string();
        if (keys.has(key)) fail(`duplicate key ${JSON.stringify(key)}`, keyOffset);
        keys.add(key);
        expect(':', '":"');
        value();
        skipSpace();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') {
          pos++;
          return;
        } else fail(`${describe()}, expected "," or "}"`);
      }
    }
    if (char === '[') {
      pos++;
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') {
          pos++;
          return;
        } else fail(`${describe()}, expected "," or "]"`);
      }
    }
    if (char === '"') {
      string();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, pos)) {
        pos += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(text);
    if (number) {
      pos += number[0].length;
      return;
    }
    fail(`${describe()}, expected a value`);
  };
  try {
    value();
    skipSpace();
    if (pos < text.length) fail(`${describe()} after the end of the JSON value`);
    return null;
  } catch (error) {
    return { offset: (error as { offset: number }).offset, message: (error as Error).message };
  }
}
