import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findJsonSyntaxError,
  type OrgFileProblem,
  type OrgFileResult,
  parseOrgFile,
  readOrgFile,
  sniffFormat,
  validateOrgData,
} from '../../../../src/domain/org/org-file';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'org.yaml');

type Entry = Record<string, unknown>;
// An entry as read from a file can be anything; tests of malformed files need that too.
type AnyEntry = Entry | string;

/** A small valid org; tests override one thing and expect exactly the problem it causes. */
function org(overrides: { departments?: AnyEntry[]; people?: AnyEntry[]; extra?: Entry } = {}) {
  return {
    departments: overrides.departments ?? [
      { key: 'admin', name: 'Administration', head: 'U0ALICE01' },
      { key: 'hr', name: 'Human Resources', parent: 'admin' },
    ],
    people: overrides.people ?? [
      {
        slack_id: 'U0ALICE01',
        email: 'alice@example.org',
        name: 'Alice',
        department: 'admin',
        roles: ['admin'],
      },
      { slack_id: 'U0BOB0001', email: 'bob@example.org', name: 'Bob', department: 'hr' },
    ],
    ...overrides.extra,
  };
}

const person = (overrides: Entry = {}): Entry => ({
  slack_id: 'U0CAROL01',
  email: 'carol@example.org',
  name: 'Carol',
  department: 'hr',
  ...overrides,
});

const withPerson = (overrides: Entry) => org({ people: [...org().people, person(overrides)] });

function problemsOf(result: OrgFileResult): OrgFileProblem[] {
  if (result.ok) throw new Error(`expected problems, the file was valid: ${JSON.stringify(result.file)}`);
  return result.problems;
}

function fileOf(result: OrgFileResult) {
  if (!result.ok) throw new Error(`expected a valid file: ${JSON.stringify(result.problems, null, 2)}`);
  return result.file;
}

describe('validateOrgData', () => {
  it('accepts a valid org and maps it to camelCase with normalised values', () => {
    const file = fileOf(
      validateOrgData(
        org({
          people: [
            {
              slack_id: ' U0ALICE01 ',
              email: 'Alice@Example.ORG',
              name: '  Alice  ',
              department: 'admin',
              roles: ['user', 'admin', 'user'],
              timezone: 'asia/taipei',
              locale: 'zh-TW',
              status: 'suspended',
            },
          ],
        }),
      ),
    );
    expect(file.departments).toEqual([
      { key: 'admin', name: 'Administration', head: 'U0ALICE01' },
      { key: 'hr', name: 'Human Resources', parent: 'admin' },
    ]);
    expect(file.people).toEqual([
      {
        slackId: 'U0ALICE01',
        email: 'alice@example.org',
        name: 'Alice',
        department: 'admin',
        roles: ['admin', 'user'],
        timezone: 'Asia/Taipei',
        locale: 'zh-TW',
        status: 'suspended',
      },
    ]);
  });

  it('keeps "absent" and "null" apart for optional fields, and reads "" as null', () => {
    const file = fileOf(
      validateOrgData(
        org({
          departments: [{ key: 'admin', name: 'Administration', name_zh: null, parent: null, head: null }],
          people: [{ email: 'x@example.org', name: 'X', department: 'admin', position: '', contact: null }],
        }),
      ),
    );
    expect(file.departments[0]).toEqual({
      key: 'admin',
      name: 'Administration',
      nameZh: null,
      parent: null,
      head: null,
    });
    expect(file.people[0]).toEqual({
      email: 'x@example.org',
      name: 'X',
      department: 'admin',
      position: null,
      contact: null,
    });
    expect(file.people[0]).not.toHaveProperty('roles');
    expect(file.people[0]).not.toHaveProperty('locale');
  });

  it('accepts a head that is not in the file: whether they are in the database is for the import to decide', () => {
    const file = fileOf(
      validateOrgData(
        org({
          departments: [
            { key: 'admin', name: 'Administration', head: 'Zed@Example.org' },
            { key: 'hr', name: 'HR' },
          ],
        }),
      ),
    );
    expect(file.departments[0]?.head).toBe('zed@example.org');
  });

  it('accepts empty lists and missing sections', () => {
    expect(fileOf(validateOrgData({ departments: [] }))).toEqual({ departments: [], people: [] });
  });

  it.each<[string, unknown, OrgFileProblem]>([
    ['an empty document', null, { path: '(file)', message: expect.stringContaining('empty') }],
    ['a list', [1, 2], { path: '(file)', message: expect.stringContaining('mapping') }],
    ['a scalar', 'hello', { path: '(file)', message: expect.stringContaining('mapping') }],
    [
      'departments not a list',
      { departments: 'hr' },
      { path: 'departments', message: 'must be a list of departments' },
    ],
    ['people not a list', { people: { a: 1 } }, { path: 'people', message: 'must be a list of people' }],
    [
      'an unknown top-level key',
      { departments: [], peple: [] },
      { path: 'peple', message: 'unknown key "peple" (expected departments, people, file_categories)' },
    ],
  ])('rejects %s', (_name, data, problem) => {
    expect(problemsOf(validateOrgData(data))).toEqual([problem]);
  });

  describe('departments', () => {
    const withDepartment = (entry: Entry) => org({ departments: [...org().departments, entry] });

    it.each<[string, Entry, string, string]>([
      [
        'a key with capitals',
        { key: 'Finance', name: 'F' },
        'departments[2] (Finance).key',
        'must be 1–64 characters',
      ],
      ['a key with spaces', { key: 'fin ance', name: 'F' }, 'departments[2] (fin ance).key', 'must be 1–64'],
      [
        'a key of 65 characters',
        { key: 'a'.repeat(65), name: 'F' },
        `departments[2] (${'a'.repeat(65)}).key`,
        'must be 1–64',
      ],
      ['a missing key', { name: 'F' }, 'departments[2].key', 'is required'],
      ['a numeric key', { key: 42, name: 'F' }, 'departments[2].key', 'must be a department key'],
      ['a missing name', { key: 'finance' }, 'departments[2] (finance).name', 'is required'],
      ['an empty name', { key: 'finance', name: '  ' }, 'departments[2] (finance).name', 'must not be empty'],
      [
        'a name of 201 characters',
        { key: 'finance', name: 'n'.repeat(201) },
        'departments[2] (finance).name',
        'at most 200',
      ],
      [
        'a long name_zh',
        { key: 'finance', name: 'F', name_zh: '財'.repeat(201) },
        'departments[2] (finance).name_zh',
        'at most 200',
      ],
      [
        'an unknown parent',
        { key: 'finance', name: 'F', parent: 'amdin' },
        'departments[2] (finance).parent',
        'unknown department "amdin"',
      ],
      [
        'a malformed parent',
        { key: 'finance', name: 'F', parent: 'Admin' },
        'departments[2] (finance).parent',
        'must be 1–64',
      ],
      [
        'a head that is neither id nor email',
        { key: 'finance', name: 'F', head: 'alice' },
        'departments[2] (finance).head',
        'Slack user id (U…/W…) or the email',
      ],
      [
        'an unknown key',
        { key: 'finance', name: 'F', manager: 'U0ALICE01' },
        'departments[2] (finance).manager',
        'unknown key "manager" (expected key, name, name_zh, parent, head)',
      ],
      [
        'a duplicate key',
        { key: 'hr', name: 'HR again' },
        'departments[2] (hr).key',
        'duplicate department key "hr" (also departments[1])',
      ],
    ])('rejects %s', (_name, entry, path, message) => {
      expect(problemsOf(validateOrgData(withDepartment(entry)))).toEqual([
        { path, message: expect.stringContaining(message) },
      ]);
    });

    it('rejects a parent cycle once, naming the departments in order', () => {
      const problems = problemsOf(
        validateOrgData(
          org({
            departments: [
              { key: 'root', name: 'Root' },
              { key: 'hr', name: 'HR', parent: 'admin' },
              { key: 'admin', name: 'Admin', parent: 'legal' },
              { key: 'legal', name: 'Legal', parent: 'hr' },
              { key: 'it', name: 'IT', parent: 'hr' },
            ],
            people: [],
          }),
        ),
      );
      expect(problems).toEqual([
        { path: 'departments[1] (hr).parent', message: 'parent cycle hr → admin → legal → hr' },
      ]);
    });

    it('rejects a department that is its own parent, and reports two cycles separately', () => {
      const problems = problemsOf(
        validateOrgData(
          org({
            departments: [
              { key: 'a', name: 'A', parent: 'b' },
              { key: 'b', name: 'B', parent: 'a' },
              { key: 'self', name: 'Self', parent: 'self' },
            ],
            people: [],
          }),
        ),
      );
      expect(problems).toEqual([
        { path: 'departments[0] (a).parent', message: 'parent cycle a → b → a' },
        { path: 'departments[2] (self).parent', message: 'parent cycle self → self' },
      ]);
    });
  });

  describe('people', () => {
    it.each<[string, Entry, string, string]>([
      [
        'neither slack_id nor email',
        { slack_id: undefined, email: null },
        'people[2] (Carol)',
        'needs slack_id or email',
      ],
      [
        'a malformed Slack id',
        { slack_id: 'u0carol' },
        'people[2] (carol@example.org).slack_id',
        'must be a Slack user id',
      ],
      [
        'a channel id as Slack id',
        { slack_id: 'C0123ABCD' },
        'people[2] (carol@example.org).slack_id',
        'must be a Slack user id',
      ],
      [
        'a bad email',
        { email: 'carol.example.org' },
        'people[2] (carol.example.org).email',
        'must be an email address',
      ],
      ['a missing name', { name: undefined }, 'people[2] (carol@example.org).name', 'is required'],
      [
        'a long position',
        { position: 'p'.repeat(201) },
        'people[2] (carol@example.org).position',
        'at most 200',
      ],
      ['a numeric contact', { contact: 12345 }, 'people[2] (carol@example.org).contact', 'must be text'],
      [
        'a missing department',
        { department: undefined },
        'people[2] (carol@example.org).department',
        'is required',
      ],
      [
        'an unknown department',
        { department: 'finanse' },
        'people[2] (carol@example.org).department',
        'unknown department "finanse"',
      ],
      [
        'an unknown role',
        { roles: ['user', 'boss'] },
        'people[2] (carol@example.org).roles[1]',
        'unknown role "boss" (expected one of admin, leader, supervisor, user, guest)',
      ],
      [
        'roles as a string',
        { roles: 'admin' },
        'people[2] (carol@example.org).roles',
        'must be a list of roles',
      ],
      ['no roles', { roles: [] }, 'people[2] (carol@example.org).roles', 'must list at least one role'],
      [
        'guest with another role',
        { roles: ['guest', 'user'] },
        'people[2] (carol@example.org).roles',
        'guest cannot be combined with other roles',
      ],
      [
        'an unknown status',
        { status: 'retired' },
        'people[2] (carol@example.org).status',
        'must be one of active, suspended, not "retired"',
      ],
      [
        'an unknown locale',
        { locale: 'zh-CN' },
        'people[2] (carol@example.org).locale',
        'must be one of en, zh-TW, not "zh-CN"',
      ],
      [
        'an unknown time zone',
        { timezone: 'Asia/Taipe' },
        'people[2] (carol@example.org).timezone',
        'unknown time zone "Asia/Taipe"',
      ],
      ['an unknown key', { phone: '123' }, 'people[2] (carol@example.org).phone', 'unknown key "phone"'],
      [
        'a duplicate Slack id',
        { slack_id: 'U0BOB0001' },
        'people[2] (carol@example.org).slack_id',
        'duplicate Slack user id "U0BOB0001" (also people[1])',
      ],
      [
        'a duplicate email in other case',
        { email: 'BOB@example.org' },
        'people[2] (BOB@example.org).email',
        'duplicate email "bob@example.org" (also people[1])',
      ],
    ])('rejects %s', (_name, overrides, path, message) => {
      expect(problemsOf(validateOrgData(withPerson(overrides)))).toEqual([
        { path, message: expect.stringContaining(message) },
      ]);
    });

    it('labels a person by email, else Slack id, else name, else index only', () => {
      const problems = problemsOf(
        validateOrgData(
          org({
            people: [
              { email: 'a@example.org', name: 'A', department: 'nope' },
              { slack_id: 'U0SLACK01', name: 'B', department: 'nope' },
              { name: 'C' },
              'not an entry',
            ],
          }),
        ),
      );
      expect(problems.map((problem) => problem.path)).toEqual([
        'people[0] (a@example.org).department',
        'people[1] (U0SLACK01).department',
        'people[2] (C).department',
        'people[2] (C)',
        'people[3]',
      ]);
    });
  });

  it('collects every problem of every entry, in file order', () => {
    const problems = problemsOf(
      validateOrgData({
        departments: [
          { key: 'admin', name: 'Admin', parent: 'hr' },
          { key: 'hr', name: 'HR', parent: 'admin', colour: 'red' },
        ],
        people: [
          { slack_id: 'U0ALICE01', email: 'alice@example.org', name: 'Alice', department: 'admin' },
          {
            email: 'bob@',
            name: 'Bob',
            department: 'finanse',
            roles: ['guest', 'admin'],
            timezone: 'Mars/Olympus',
          },
          { slack_id: 'U0ALICE01', email: 'alice@example.org', name: 'Alice again', department: 'hr' },
        ],
      }),
    );
    expect(problems).toEqual([
      { path: 'departments[0] (admin).parent', message: 'parent cycle admin → hr → admin' },
      { path: 'departments[1] (hr).colour', message: expect.stringContaining('unknown key "colour"') },
      { path: 'people[1] (bob@).email', message: expect.stringContaining('must be an email address') },
      {
        path: 'people[1] (bob@).timezone',
        message: expect.stringContaining('unknown time zone "Mars/Olympus"'),
      },
      { path: 'people[1] (bob@).department', message: 'unknown department "finanse"' },
      { path: 'people[1] (bob@).roles', message: expect.stringContaining('guest cannot be combined') },
      {
        path: 'people[2] (alice@example.org).slack_id',
        message: expect.stringContaining('duplicate Slack user id'),
      },
      { path: 'people[2] (alice@example.org).email', message: expect.stringContaining('duplicate email') },
    ]);
  });

  it('never throws, whatever the shape', () => {
    const shapes: unknown[] = [
      { departments: [null, 1, 'x', [], { key: null }], people: [null, 2, [{}], { roles: [null, 1, {}] }] },
      { departments: [{ key: 'a', name: 'A', parent: 'a', head: 7 }], people: [{ slack_id: [], email: {} }] },
      { departments: { length: 3 } },
      Object.create(null),
      42,
      true,
    ];
    for (const data of shapes) {
      const result = validateOrgData(data);
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    }
  });
});

describe('parseOrgFile', () => {
  const yaml = `departments:
  - key: admin
    name: Administration
    name_zh: 行政處
people:
  - slack_id: U0ALICE01
    email: alice@example.org
    name: Alice
    department: admin
    roles: [admin]
`;

  it('reads YAML and the same org written as JSON to the same structure', () => {
    const fromYaml = fileOf(parseOrgFile(yaml, 'yaml'));
    const json = JSON.stringify({
      departments: [{ key: 'admin', name: 'Administration', name_zh: '行政處' }],
      people: [
        {
          slack_id: 'U0ALICE01',
          email: 'alice@example.org',
          name: 'Alice',
          department: 'admin',
          roles: ['admin'],
        },
      ],
    });
    expect(fileOf(parseOrgFile(json, 'json'))).toEqual(fromYaml);
    expect(fromYaml.departments[0]?.nameZh).toBe('行政處');
  });

  it('reads JSON escapes as JSON.parse does, though one YAML parser reads both formats', () => {
    const json = String.raw`{"departments": [{"key": "a", "name": "\ud83d\ude00 R\u0026D\/\"Lab\"\t"}]}`;
    expect(fileOf(parseOrgFile(json, 'json')).departments[0]?.name).toBe(
      (JSON.parse(json) as { departments: { name: string }[] }).departments[0]?.name.trim(),
    );
  });

  it('sniffs the format when none is given, and ignores a byte-order mark', () => {
    expect(sniffFormat('  \n{"departments": []}')).toBe('json');
    expect(sniffFormat('departments: []')).toBe('yaml');
    expect(fileOf(parseOrgFile(`\uFEFF${yaml}`)).people).toHaveLength(1);
    expect(fileOf(parseOrgFile('\uFEFF{"people": []}'))).toEqual({ departments: [], people: [] });
  });

  it('validates after parsing', () => {
    expect(
      problemsOf(parseOrgFile(yaml.replace('department: admin', 'department: finanse'), 'yaml')),
    ).toEqual([
      { path: 'people[0] (alice@example.org).department', message: 'unknown department "finanse"' },
    ]);
  });

  it.each<[string, string, string, string]>([
    [
      'bad indentation',
      'departments:\n  - key: a\n  name: b\n',
      'line 3, column 1',
      'invalid YAML: All mapping items',
    ],
    ['an unclosed flow list', 'people:\n  - roles: [admin,\n\n', 'line 4, column 1', 'invalid YAML:'],
    [
      'a duplicate key',
      'departments: []\npeople: []\ndepartments: []\n',
      'line 3, column 1',
      'invalid YAML: Map keys must be unique',
    ],
    ['two documents', 'departments: []\n---\npeople: []\n', 'line 2, column 1', 'invalid YAML:'],
    ['a tab indentation', 'departments:\n\t- key: a\n', 'line 2, column 1', 'invalid YAML:'],
  ])('gives one problem with the line number for YAML with %s', (_name, text, path, message) => {
    expect(problemsOf(parseOrgFile(text, 'yaml'))).toEqual([
      { path, message: expect.stringContaining(message) },
    ]);
  });

  it.each<[string, string, string, string]>([
    [
      'a trailing comma',
      '{\n  "departments": [\n    {"key": "a",}\n  ]\n}',
      'line 3, column 17',
      'expected a string',
    ],
    [
      'a missing comma',
      '{\n  "departments": []\n  "people": []\n}',
      'line 3, column 3',
      'expected "," or "}"',
    ],
    [
      'an unterminated string',
      '{\n  "people": [\n    {"name": "Bob\n}',
      'line 3, column 14',
      'unterminated or invalid string',
    ],
    ['a cut-off file', '{\n  "people": [\n', 'line 3, column 1', 'unexpected end of file'],
    [
      'a duplicate key',
      '{\n  "people": [],\n  "people": []\n}',
      'line 3, column 3',
      'duplicate key "people"',
    ],
    [
      'text after the value',
      '{"people": []}\n{"people": []}\n',
      'line 2, column 1',
      'after the end of the JSON value',
    ],
    ['single quotes', "{\n  'people': []\n}", 'line 2, column 3', 'expected a string'],
    ['an empty file', '', 'line 1, column 1', 'unexpected end of file'],
  ])('gives one problem with the line number for JSON with %s', (_name, text, path, message) => {
    expect(problemsOf(parseOrgFile(text, 'json'))).toEqual([
      { path, message: expect.stringContaining(message) },
    ]);
  });

  it('agrees with JSON.parse about what is valid JSON', () => {
    const samples = [
      '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}',
      '[]',
      ' "text" ',
      '{"a": 01}',
      '{"a": .5}',
      '{"a": "\t"}',
      '[1,]',
      '{"a" 1}',
      'nul',
    ];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }
      expect([sample, findJsonSyntaxError(sample) === null]).toEqual([sample, valid]);
    }
  });

  it('reports an empty YAML file as empty', () => {
    expect(problemsOf(parseOrgFile('# nothing yet\n', 'yaml'))).toEqual([
      { path: '(file)', message: expect.stringContaining('the file is empty') },
    ]);
  });
});

describe('readOrgFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'org-file-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the example organisation, which is valid and complete', async () => {
    const file = fileOf(await readOrgFile(EXAMPLE));
    expect(file.departments.map((department) => department.key)).toEqual([
      'general-office',
      'finance',
      'hr',
      'it',
    ]);
    expect(file.departments.every((department) => typeof department.head === 'string')).toBe(true);
    expect(file.departments.some((department) => typeof department.parent === 'string')).toBe(true);
    expect(
      file.people.every((entry) => entry.slackId && entry.email?.endsWith('@example.org') && entry.timezone),
    ).toBe(true);
    const roles = file.people.flatMap((entry) => entry.roles ?? []);
    expect(roles).toEqual(expect.arrayContaining(['admin', 'leader', 'user', 'guest']));
    expect(file.people.filter((entry) => entry.status === 'suspended')).toHaveLength(1);
    expect(new Set(file.people.map((entry) => entry.locale))).toEqual(new Set(['en', 'zh-TW']));
    expect(file.people.filter((entry) => entry.timezone === 'Europe/London')).toHaveLength(1);
    const alice = file.people.find((entry) => entry.slackId === 'U01ALICE0');
    expect(alice).toMatchObject({ name: 'Alice Chen', department: 'general-office', roles: ['admin'] });
    expect(file.departments.find((department) => department.key === 'general-office')?.head).toBe(
      'U01ALICE0',
    );
  });

  it.each([
    ['org.yml', 'departments: []\n'],
    ['org.YAML', 'departments: []\n'],
    ['org.json', '{"departments": []}'],
    ['org', '{"departments": []}'],
    ['org-yaml', 'departments: []\n'],
  ])('reads %s by its extension or, without one, by its content', async (name, text) => {
    await writeFile(join(dir, name), text);
    expect(fileOf(await readOrgFile(join(dir, name)))).toEqual({ departments: [], people: [] });
  });

  it('uses the extension, not the content, when there is one', async () => {
    await writeFile(join(dir, 'yaml-in.json'), 'departments: []\n');
    expect(problemsOf(await readOrgFile(join(dir, 'yaml-in.json')))[0]?.message).toMatch(/^invalid JSON/);
  });

  it('explains a missing file, a directory and an unsupported extension', async () => {
    expect(problemsOf(await readOrgFile(join(dir, 'missing.yaml')))).toEqual([
      { path: '(file)', message: `file not found: ${join(dir, 'missing.yaml')}` },
    ]);
    expect(problemsOf(await readOrgFile(dir))[0]?.message).toContain('is a directory');
    await writeFile(join(dir, 'org.txt'), 'departments: []\n');
    expect(problemsOf(await readOrgFile(join(dir, 'org.txt')))).toEqual([
      { path: '(file)', message: 'unsupported file type ".txt": use .yaml, .yml or .json' },
    ]);
  });
});
