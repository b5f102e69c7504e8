import { fileAccess, mayRead, type ReaderContext, scopeProblem } from '../../../../src/domain/files/access';
import { type FileAccessFacts, type FileReader, PRIVATE_SCOPE } from '../../../../src/domain/files/model';

/**
 * The library's access rules, without a database: departments 1 (the organisation) > 2 (HR) > 3
 * (payroll), and 4 (IT). The file belongs to HR, uploaded by person 10; person 20 heads HR.
 */
const OWNER = 10;
const HR_HEAD = 20;
const HR = 2;

const file = (overrides: Partial<FileAccessFacts> = {}): FileAccessFacts => ({
  ownerPersonId: OWNER,
  departmentId: HR,
  confidentiality: 'internal',
  status: 'active',
  scope: PRIVATE_SCOPE,
  ...overrides,
});

const person = (
  id: number,
  departmentId: number | null,
  overrides: Partial<FileReader> = {},
): FileReader => ({
  id,
  roles: ['user'],
  status: 'active',
  departmentId,
  ...overrides,
});

const LINES: Record<number, number[]> = { 1: [1], 2: [2, 1], 3: [3, 2, 1], 4: [4, 1] };

function access(reader: FileReader, facts: FileAccessFacts, channels: string[] = []) {
  const context: ReaderContext = {
    owningDepartmentHeadIds: new Set([HR_HEAD]),
    readerDepartmentLine: reader.departmentId === null ? [] : (LINES[reader.departmentId] ?? []),
    readerChannelIds: new Set(channels),
  };
  return fileAccess(reader, facts, context);
}

describe('file access', () => {
  it('lets the uploader, the owning head and admins manage, even a withdrawn file', () => {
    const withdrawn = file({ status: 'withdrawn' });
    expect(access(person(OWNER, HR), withdrawn)).toEqual({ level: 'owner' });
    expect(access(person(HR_HEAD, HR), withdrawn)).toEqual({ level: 'owner' });
    expect(access(person(99, 4, { roles: ['admin', 'user'] }), withdrawn)).toEqual({ level: 'owner' });
  });

  it('gives the supervision group the metadata of any file, never the bytes or a change', () => {
    const supervisor = person(40, 4, { roles: ['supervisor'] });
    expect(access(supervisor, file({ confidentiality: 'confidential' }))).toEqual({ level: 'metadata' });
    expect(access(supervisor, file({ status: 'withdrawn' }))).toEqual({ level: 'metadata' });
    expect(mayRead(access(supervisor, file({ confidentiality: 'confidential' })))).toBe(false);
    // In the scope like anyone: a reader, not an owner.
    expect(access(supervisor, file({ scope: { ...PRIVATE_SCOPE, everyone: true } }))).toEqual({
      level: 'reader',
    });
    expect(access(person(40, 4, { roles: ['supervisor'], status: 'suspended' }), file()).level).toBe('none');
  });

  it('keeps a private file from everyone else, saying it is restricted', () => {
    expect(access(person(30, HR), file())).toEqual({ level: 'none', reason: 'not_in_scope' });
  });

  it('hides a confidential file outside its scope as if it did not exist', () => {
    expect(access(person(30, HR), file({ confidentiality: 'confidential' }))).toEqual({
      level: 'none',
      reason: 'not_found',
    });
  });

  it('shares with a department, and with its sub-departments only when asked', () => {
    const hrOnly = file({ scope: { ...PRIVATE_SCOPE, departmentIds: [HR] } });
    expect(access(person(30, HR), hrOnly)).toEqual({ level: 'reader' });
    expect(access(person(31, 3), hrOnly).level).toBe('none');
    const withSubs = file({ scope: { ...PRIVATE_SCOPE, departmentIds: [HR], includeSubDepartments: true } });
    expect(access(person(31, 3), withSubs)).toEqual({ level: 'reader' });
    expect(access(person(32, 4), withSubs).level).toBe('none');
  });

  it('shares with everyone except guests, who are given files by name only', () => {
    const everyone = file({ scope: { ...PRIVATE_SCOPE, everyone: true, channelIds: ['C1'] } });
    expect(access(person(32, 4), everyone)).toEqual({ level: 'reader' });
    const guest = person(40, null, { roles: ['guest'] });
    expect(access(guest, everyone, ['C1']).level).toBe('none');
    expect(access(guest, file({ scope: { ...PRIVATE_SCOPE, personIds: [40] } }))).toEqual({
      level: 'reader',
    });
  });

  it('shares with the members of a channel', () => {
    const channel = file({ scope: { ...PRIVATE_SCOPE, channelIds: ['C_FINANCE'] } });
    expect(access(person(32, 4), channel, ['C_FINANCE'])).toEqual({ level: 'reader' });
    expect(access(person(32, 4), channel, ['C_OTHER']).level).toBe('none');
  });

  it('gives a withdrawn file to its owners only', () => {
    const withdrawn = file({ status: 'withdrawn', scope: { ...PRIVATE_SCOPE, everyone: true } });
    expect(access(person(30, HR), withdrawn)).toEqual({ level: 'none', reason: 'withdrawn' });
  });

  it('gives a suspended account nothing, not even its own files', () => {
    expect(access(person(OWNER, HR, { status: 'suspended' }), file())).toEqual({
      level: 'none',
      reason: 'suspended',
    });
  });

  it('refuses a confidential file shared with everyone', () => {
    expect(scopeProblem('confidential', { ...PRIVATE_SCOPE, everyone: true })).toEqual({
      code: 'confidential_to_everyone',
    });
    expect(scopeProblem('confidential', { ...PRIVATE_SCOPE, departmentIds: [HR] })).toBeNull();
    expect(scopeProblem('internal', { ...PRIVATE_SCOPE, everyone: true })).toBeNull();
  });
});
