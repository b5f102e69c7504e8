import { Readable } from 'node:stream';
import { QueryTypes, type Sequelize, UniqueConstraintError } from 'sequelize';
import { fixedChunks } from './chunks';
import { assertContentKey, ContentExists, ContentNotFound, type ContentStore } from './content-store';

/** 512 KiB: large enough that a 50 MB file is 100 rows, small enough to hold one in memory. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * File bytes in the application's own database (migration 0013): chunks first, then the
 * content row with their count, in one transaction, so a half-written file is never visible.
 * Reads fetch one chunk at a time as the reader pulls.
 */
export class PostgresContentStore implements ContentStore {
  readonly backend = 'postgres' as const;

  /** The database is read when used: the stores are built before the models are bound. */
  constructor(private readonly database: () => Sequelize) {}

  private get sequelize(): Sequelize {
    return this.database();
  }

  async put(key: string, open: () => Readable, facts: { size: number; sha256: string }): Promise<void> {
    assertContentKey(key);
    if (await this.chunkCount(key)) throw new ContentExists(key);
    try {
      await this.sequelize.transaction(async (transaction) => {
        let seq = 0;
        for await (const chunk of fixedChunks(open(), CHUNK_BYTES)) {
          await this.sequelize.query(
            'INSERT INTO file_content_chunks (content_key, seq, data) VALUES ($1, $2, $3)',
            {
              bind: [key, seq, chunk],
              transaction,
            },
          );
          seq += 1;
        }
        await this.sequelize.query(
          'INSERT INTO file_contents (key, size_bytes, sha256, chunks) VALUES ($1, $2, $3, $4)',
          { bind: [key, facts.size, facts.sha256, seq], transaction },
        );
      });
    } catch (error) {
      // Two writers of one key: the second one's commit meets the first one's row.
      if (error instanceof UniqueConstraintError) throw new ContentExists(key);
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    assertContentKey(key);
    const chunks = await this.chunkCount(key);
    if (chunks === null) throw new ContentNotFound(key);
    const sequelize = this.sequelize;
    return Readable.from(
      (async function* () {
        for (let seq = 0; seq < chunks; seq += 1) {
          const [row] = await sequelize.query<{ data: Buffer }>(
            'SELECT data FROM file_content_chunks WHERE content_key = $1 AND seq = $2',
            { bind: [key, seq], type: QueryTypes.SELECT },
          );
          if (!row) throw new ContentNotFound(`${key} (chunk ${seq})`);
          yield row.data;
        }
      })(),
      // One chunk ahead at most (object mode would otherwise read 16 chunks, 8 MiB, ahead).
      { highWaterMark: 1 },
    );
  }

  async remove(key: string): Promise<void> {
    assertContentKey(key);
    await this.sequelize.query('DELETE FROM file_contents WHERE key = $1', { bind: [key] });
  }

  private async chunkCount(key: string): Promise<number | null> {
    const [row] = await this.sequelize.query<{ chunks: number }>(
      'SELECT chunks FROM file_contents WHERE key = $1',
      {
        bind: [key],
        type: QueryTypes.SELECT,
      },
    );
    return row ? row.chunks : null;
  }
}
