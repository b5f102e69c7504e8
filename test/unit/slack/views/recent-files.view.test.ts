import type { StoredFile } from '../../../../src/domain/files/store';
import { recentFilesHomeSection } from '../../../../src/slack/views/files/recent-files.view';
import { buttonsOf, EN, textOf, ZH } from '../../../support/views';

const file = (n: number, status: StoredFile['status'] = 'active'): StoredFile => ({
  id: n,
  reference: `FILE-2026-${String(n).padStart(4, '0')}`,
  title: `Report <@U0ALL> ${n}`,
  abstract: '',
  keywords: [],
  categoryId: null,
  departmentId: null,
  ownerPersonId: 1,
  confidentiality: 'internal',
  status,
  scope: { everyone: true, departmentIds: [], includeSubDepartments: false, personIds: [], channelIds: [] },
  workflowInstanceId: null,
  createdAt: new Date('2026-12-01T02:00:00Z'),
  updatedAt: new Date('2026-12-01T02:00:00Z'),
  withdrawnAt: status === 'withdrawn' ? new Date('2026-12-02T02:00:00Z') : null,
});

/** The section reads the library's search only: what it returns is what the person may read. */
const library = (files: StoredFile[]) => ({
  search: async () => ({ files, total: files.length, page: 1 }),
});

describe('Home "Recent files"', () => {
  it('lists at most five files in at most eight blocks, each with Open, leaving withdrawn ones out', async () => {
    const files = [file(1, 'withdrawn'), ...Array.from({ length: 7 }, (_, i) => file(i + 2))];
    const blocks = await recentFilesHomeSection(library(files), { ...EN, personId: 1 });
    expect(blocks.length).toBeLessThanOrEqual(8);
    expect(buttonsOf(blocks).map((button) => [button.actionId, button.value])).toEqual(
      [2, 3, 4, 5, 6].map((n) => ['file_open', `FILE-2026-000${n}`]),
    );
    expect(textOf(blocks)).toContain('*Recent files*');
    expect(textOf(blocks)).not.toContain('<@U0ALL>');
  });

  it('says so when there is nothing to show, in either language', async () => {
    expect(textOf(await recentFilesHomeSection(library([]), { ...EN, personId: 1 }))).toContain(
      'No files you can see yet.',
    );
    expect(textOf(await recentFilesHomeSection(library([]), { ...ZH, personId: 1 }))).toContain('最近文件');
  });
});
