import { validateOrgData } from '../../../../src/domain/org/org-file';

/** The org file's optional `file_categories:` list (issue 15): checked like the rest, every problem named. */
const base = {
  departments: [{ key: 'hr', name: 'HR' }],
  people: [{ slack_id: 'U01CAROL0', name: 'Carol', department: 'hr' }],
};

describe('file_categories in the org file', () => {
  it('reads them, parents before children', () => {
    const result = validateOrgData({
      ...base,
      file_categories: [
        { key: 'official', name: '公文', important: true },
        { key: 'letters', name: '函', parent: 'official' },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      file: {
        fileCategories: [
          { key: 'official', name: '公文', important: true },
          { key: 'letters', name: '函', parent: 'official' },
        ],
      },
    });
  });

  it('leaves them out when the file does not list them', () => {
    const result = validateOrgData(base);
    expect(result.ok && 'fileCategories' in result.file).toBe(false);
  });

  it('names a bad key, a duplicate, a parent listed later or missing, and an unknown field', () => {
    const result = validateOrgData({
      ...base,
      file_categories: [
        { key: 'Bad Key', name: 'x' },
        { key: 'letters', name: '函', parent: 'official' },
        { key: 'official', name: '公文' },
        { key: 'official', name: '公文 again', colour: 'red' },
      ],
    });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('file_categories.0.key: must be lower-case letters'),
        'file_categories[1] (letters).parent: unknown category "official" (a parent is listed before its children)',
        'file_categories[3] (official).key: duplicate category key "official"',
        expect.stringContaining('unknown key "colour" (expected key, name, parent, important)'),
      ]),
    );
  });
});
