import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Sequelize } from 'sequelize';
import { indexGrams, normaliseSearchText } from '../../src/domain/files/search-grams';

/**
 * The library benchmark's data: files whose titles, abstracts and keywords are built from filler
 * words (random CJK pairs, random Latin syllables) with the searched words mixed into a known
 * share of them, so a query has a realistic number of matches (a few per cent).
 */

export const CHINESE_QUERY = '預算';
export const ENGLISH_QUERY = 'budget';
/** Share of files whose text contains each searched word. */
const MATCH_SHARE = 0.03;

/** Common characters without 預 or 算, so filler never forms the Chinese query by chance. */
const CJK_POOL = [
  ...'年度報告會議紀要人事制度合同採購公文資訊安全規範財務計畫申請通知管理辦法工作總結檔案業務資料處理流程審核標準服務項目系統維護培訓考核評估文件記錄',
];
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'shi', 'pan', 'nor', 'el', 'qui', 'zo'];

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
const cjkWord = () => `${pick(CJK_POOL)}${pick(CJK_POOL)}${Math.random() < 0.5 ? pick(CJK_POOL) : ''}`;
const latinWord = () => `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}`;

function text(words: number, inject: string | null): string {
  const parts = Array.from({ length: words }, () => (Math.random() < 0.5 ? cjkWord() : latinWord()));
  if (inject) parts.splice(Math.floor(Math.random() * parts.length), 0, inject);
  return parts.join(' ');
}

/** The Chinese query sits inside a longer run (年度預算報告), the English one is a word. */
const maybe = (word: string) =>
  Math.random() >= MATCH_SHARE ? null : word === CHINESE_QUERY ? `${cjkWord()}${word}${cjkWord()}` : word;

/** Seeds `files` files with `versions` versions each, in one database, by SQL in batches. */
export async function seedLibrary(
  sequelize: Sequelize,
  options: { files: number; versions: number; ownerIds: number[]; departmentIds: number[]; year: number },
): Promise<void> {
  const BATCH = 500;
  for (let from = 0; from < options.files; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, options.files - from) }, (_, i) => {
      const n = from + i + 1;
      const title = text(3, maybe(CHINESE_QUERY) ?? maybe(ENGLISH_QUERY));
      const abstract = text(14, maybe(CHINESE_QUERY) ?? maybe(ENGLISH_QUERY));
      const keywords = [
        cjkWord(),
        latinWord(),
        ...(Math.random() < MATCH_SHARE ? [`${CHINESE_QUERY}表`] : []),
      ];
      const roll = Math.random();
      return {
        reference: `FILE-${options.year}-${String(n).padStart(5, '0')}`,
        title,
        abstract,
        keywords,
        departmentId: pick(options.departmentIds),
        ownerId: pick(options.ownerIds),
        everyone: roll < 0.4,
        scopeDepartments: roll >= 0.4 && roll < 0.7 ? [pick(options.departmentIds)] : [],
        grams: indexGrams(title, abstract, ...keywords),
        searchText: normaliseSearchText([title, abstract, ...keywords].join('\n')),
      };
    });
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const at = values.length;
      values.push(row.reference, row.title, row.abstract, row.keywords, row.departmentId, row.ownerId);
      values.push(row.everyone, row.scopeDepartments, row.grams, row.searchText);
      const p = (k: number) => `$${at + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, 'internal', ${p(7)}, ${p(8)}::int[], ${p(9)}::text[], ${p(10)})`;
    });
    await sequelize.query(
      `INSERT INTO library_files (reference, title, abstract, keywords, department_id, owner_person_id,
         confidentiality, scope_everyone, scope_department_ids, search_grams, search_text)
       VALUES ${tuples.join(', ')}`,
      { bind: values },
    );
  }
  // Versions: the last one current, the others superseded (their content is not needed here).
  await sequelize.query(
    `INSERT INTO file_versions (file_id, label, change_note, original_name, kind, size_bytes, sha256,
       storage_backend, content_key, uploaded_by_person_id, status, created_at)
     SELECT f.id, v || '.0', CASE WHEN v > 1 THEN 'revised' ELSE '' END, 'document.pdf', 'pdf', 100000,
            repeat('0', 64), 'postgres', 'v/bench-' || f.id || '-' || v, f.owner_person_id,
            CASE WHEN v = $1 THEN 'current' ELSE 'superseded' END,
            now() - make_interval(days => $1 - v)
     FROM library_files f CROSS JOIN generate_series(1, $1) AS v`,
    { bind: [options.versions] },
  );
  await sequelize.query('ANALYZE library_files, file_versions');
}

/**
 * `bytes` of PDF-looking content made as it is read, in 64 KiB pieces, so the benchmark's own
 * source holds no more than one piece; the SHA-256 of what was produced is known at the end.
 */
export function generatedPdf(bytes: number): { open(): Readable; sha256(): string } {
  const hash = createHash('sha256');
  let digest = '';
  return {
    open() {
      let produced = 0;
      return new Readable({
        read() {
          if (produced >= bytes) {
            digest = hash.digest('hex');
            this.push(null);
            return;
          }
          const size = Math.min(64 * 1024, bytes - produced);
          const piece =
            produced === 0
              ? Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)])
              : randomBytes(size);
          produced += size;
          hash.update(piece);
          this.push(piece);
        },
      });
    },
    sha256: () => digest,
  };
}

/**
 * Peak of live heap + Buffer memory above the level at the start while `work` runs: sampled every
 * 20 ms after a full garbage collection (node --expose-gc), so garbage waiting for the collector
 * does not count, only what the code holds on to.
 */
export async function peakMemoryOf<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:files does)');
  const live = () => {
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const start = live();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, live());
  }, 20);
  try {
    const result = await work();
    // Once more with the result still held (the buffered baseline's result is the whole file).
    peak = Math.max(peak, live());
    return { result, peakMb: (peak - start) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
