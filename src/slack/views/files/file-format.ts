import type { Locale } from '../../../config';
import type { FileCategory, FileDepartment } from '../../../domain/files/store';

/** Small pieces the file views share: sizes, names in the reader's language, the category path. */

/** 1 536 000 → "1.5 MB", 20 971 520 → "20 MB": binary units, one decimal below 10. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export const departmentName = (department: FileDepartment, locale: Locale): string =>
  locale === 'zh-TW' ? (department.nameZh ?? department.name) : department.name;

/** "公文 › 函" : a category with its parents, top first. */
export function categoryPath(categories: readonly FileCategory[], id: number | null): string | null {
  const names: string[] = [];
  let current = categories.find((category) => category.id === id);
  for (let depth = 0; current && depth < 10; depth += 1) {
    names.unshift(current.name);
    const parentId = current.parentId;
    current = parentId === null ? undefined : categories.find((category) => category.id === parentId);
  }
  return names.length ? names.join(' › ') : null;
}

/** The categories in tree order with their depth, for lists and pickers. */
export function categoryTree(
  categories: readonly FileCategory[],
): { category: FileCategory; depth: number }[] {
  const out: { category: FileCategory; depth: number }[] = [];
  const known = new Set(categories.map((category) => category.id));
  const walk = (parentId: number | null, depth: number) => {
    for (const category of categories) {
      const isChild =
        parentId === null
          ? category.parentId === null || !known.has(category.parentId)
          : category.parentId === parentId;
      if (!isChild || depth > 10) continue;
      out.push({ category, depth });
      walk(category.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
