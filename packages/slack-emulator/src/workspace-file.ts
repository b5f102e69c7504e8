import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SlackEmulator } from './emulator';
import type { WorkspaceSnapshot } from './workspace-state';

/**
 * Keeps an emulator's workspace in a JSON file (local mode: DATA_DIR/workspace.json), so that a
 * restart finds the messages, cards and buttons the database still refers to. Writes follow
 * changes after a short pause (a click changes several messages at once) and go to a temporary
 * file renamed over the old one, so a crash mid-write leaves the previous state intact.
 */
export interface WorkspaceFile {
  /** Writes what is pending now (on shutdown). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export const WORKSPACE_FILE_DELAY_MS = 300;

/** The snapshot in `path`, or undefined when there is none; a file that cannot be read is reported. */
export async function readWorkspaceFile(path: string): Promise<WorkspaceSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const snapshot = JSON.parse(text) as WorkspaceSnapshot;
  if (snapshot.version !== 1) throw new Error(`${path}: unknown version ${String(snapshot.version)}`);
  return snapshot;
}

export function keepWorkspaceIn(
  emulator: SlackEmulator,
  path: string,
  onError: (error: unknown) => void,
): WorkspaceFile {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;

  const write = () => {
    timer = undefined;
    const text = JSON.stringify(emulator.snapshot());
    writing = writing
      .then(async () => {
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, text, 'utf8');
        await rename(temporary, path);
      })
      .catch(onError);
    return writing;
  };
  const onChange = () => {
    if (stopped || timer) return;
    timer = setTimeout(write, WORKSPACE_FILE_DELAY_MS);
  };
  emulator.on('change', onChange);

  const flush = async () => {
    if (timer) {
      clearTimeout(timer);
      await write();
    }
    await writing;
  };
  return {
    flush,
    async stop() {
      emulator.off('change', onChange);
      await flush();
      stopped = true;
    },
  };
}
