import { PassThrough, Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';
import type { UploadSource } from '../../domain/files/file-library.service';

/** A Slack file as the library needs it: its name, who uploaded it, and its bytes on demand. */
export interface SlackFileToRead {
  id: string;
  name: string;
  /** The Slack user who uploaded it. */
  user: string | undefined;
  /** Conversations it was shared in (files.info `channels`, `groups`, `ims`). */
  conversations: string[];
  source: UploadSource;
}

export class SlackFileUnreadable extends Error {
  constructor(
    readonly fileId: string,
    readonly reason: string,
  ) {
    super(`Slack file ${fileId} could not be read: ${reason}`);
    this.name = 'SlackFileUnreadable';
  }
}

interface FileInfo {
  id?: string;
  name?: string;
  title?: string;
  user?: string;
  url_private_download?: string;
  url_private?: string;
  channels?: string[];
  groups?: string[];
  ims?: string[];
}

/**
 * Reads a person's Slack file with the bot token: `files.info` for its name and download URL,
 * then a GET of `url_private_download` with `Authorization: Bearer <bot token>`. The body is
 * handed to the library as a stream (piped as it arrives, never held whole); a failed GET ends
 * the stream with the error, which the library's intake reports and cleans up after.
 */
export async function readSlackFile(client: WebClient, fileId: string): Promise<SlackFileToRead> {
  const info = await client.files.info({ file: fileId }).catch((error: unknown) => {
    const code = (error as { data?: { error?: string } }).data?.error;
    throw new SlackFileUnreadable(fileId, code ?? (error instanceof Error ? error.message : String(error)));
  });
  const file = (info.file ?? {}) as FileInfo;
  const url = file.url_private_download ?? file.url_private;
  if (!url) throw new SlackFileUnreadable(fileId, 'no_download_url');
  const token = client.token;
  const name = file.name || file.title || fileId;
  return {
    id: fileId,
    name,
    user: file.user,
    conversations: [...(file.channels ?? []), ...(file.groups ?? []), ...(file.ims ?? [])],
    source: {
      name,
      open: () => {
        const out = new PassThrough();
        void fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
          .then((response) => {
            if (!response.ok || !response.body)
              throw new SlackFileUnreadable(fileId, `HTTP ${response.status}`);
            const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
            body.on('error', (error) => out.destroy(error));
            body.pipe(out);
          })
          .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
        return out;
      },
    },
  };
}
