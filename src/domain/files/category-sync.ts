import type { FileStore } from './store';

/** A category as the org file lists it (`file_categories:`), parents before their children. */
export interface CategoryListing {
  key: string;
  name: string;
  parent?: string;
  important?: boolean;
}

/**
 * The org file's categories into the library: each key not there yet is added (under its
 * parent), in one transaction, each addition audited. Existing categories are left as they are —
 * admins may have renamed them with `/files category` since — and none is ever removed.
 */
export async function syncFileCategories(
  store: Pick<FileStore, 'categories' | 'addCategory' | 'audit' | 'inTransaction'>,
  listed: readonly CategoryListing[],
  actor: string,
): Promise<{ added: string[]; kept: string[] }> {
  return store.inTransaction(async (tx) => {
    const byKey = new Map((await store.categories()).map((category) => [category.key, category]));
    const added: string[] = [];
    const kept: string[] = [];
    for (const entry of listed) {
      if (byKey.has(entry.key)) {
        kept.push(entry.key);
        continue;
      }
      const parent = entry.parent ? byKey.get(entry.parent) : undefined;
      const category = await store.addCategory(
        {
          key: entry.key,
          name: entry.name,
          parentId: parent?.id ?? null,
          important: entry.important ?? false,
        },
        tx,
      );
      byKey.set(category.key, category);
      added.push(category.key);
      await store.audit(
        [
          {
            actor,
            action: 'file_category.added',
            subjectType: 'file_category',
            subjectId: category.key,
            after: { name: category.name, parentKey: entry.parent ?? null, important: category.important },
          },
        ],
        tx,
      );
    }
    return { added, kept };
  });
}
