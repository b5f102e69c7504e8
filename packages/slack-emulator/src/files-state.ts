/**
 * Files as Slack's servers keep them. The Web API uploads in three steps, as Slack's
 * `files.uploadV2` does: `files.getUploadURLExternal` reserves an id and an upload URL, the bytes
 * are POSTed to that URL, and `files.completeUploadExternal` turns the upload into a file and
 * shares it. A modal's `file_input` creates files at once, as the Slack client uploads them when
 * the person picks them. Everything handed out is a copy.
 */
import { SlackApiError } from './api-error';
import { randomHex, slackId } from './ids';
import type { JsonObject } from './json';
import type { ChangeListener, FileShare, FileSource, SandboxChannel, SandboxFile } from './types';
import type { WorkspaceIdentity } from './workspace-state';

interface KnownType {
  filetype: string;
  mimetype: string;
  pretty: string;
}

/** File extensions → Slack's `filetype`, a MIME type, and Slack's `pretty_type`. */
const KNOWN_TYPES: Record<string, KnownType> = {
  txt: { filetype: 'text', mimetype: 'text/plain', pretty: 'Plain Text' },
  text: { filetype: 'text', mimetype: 'text/plain', pretty: 'Plain Text' },
  log: { filetype: 'text', mimetype: 'text/plain', pretty: 'Plain Text' },
  md: { filetype: 'markdown', mimetype: 'text/plain', pretty: 'Markdown (raw)' },
  csv: { filetype: 'csv', mimetype: 'text/csv', pretty: 'CSV' },
  tsv: { filetype: 'tsv', mimetype: 'text/tab-separated-values', pretty: 'TSV' },
  json: { filetype: 'json', mimetype: 'application/json', pretty: 'JSON' },
  xml: { filetype: 'xml', mimetype: 'text/xml', pretty: 'XML' },
  yaml: { filetype: 'yaml', mimetype: 'text/plain', pretty: 'YAML' },
  yml: { filetype: 'yaml', mimetype: 'text/plain', pretty: 'YAML' },
  html: { filetype: 'html', mimetype: 'text/html', pretty: 'HTML' },
  pdf: { filetype: 'pdf', mimetype: 'application/pdf', pretty: 'PDF' },
  png: { filetype: 'png', mimetype: 'image/png', pretty: 'PNG' },
  jpg: { filetype: 'jpg', mimetype: 'image/jpeg', pretty: 'JPEG' },
  jpeg: { filetype: 'jpg', mimetype: 'image/jpeg', pretty: 'JPEG' },
  gif: { filetype: 'gif', mimetype: 'image/gif', pretty: 'GIF' },
  svg: { filetype: 'svg', mimetype: 'image/svg+xml', pretty: 'SVG' },
  webp: { filetype: 'webp', mimetype: 'image/webp', pretty: 'WebP' },
  doc: { filetype: 'doc', mimetype: 'application/msword', pretty: 'Word Document' },
  docx: {
    filetype: 'docx',
    mimetype: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    pretty: 'Word Document',
  },
  xls: { filetype: 'xls', mimetype: 'application/vnd.ms-excel', pretty: 'Excel Spreadsheet' },
  xlsx: {
    filetype: 'xlsx',
    mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pretty: 'Excel Spreadsheet',
  },
  pptx: {
    filetype: 'pptx',
    mimetype: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    pretty: 'PowerPoint Presentation',
  },
  odt: { filetype: 'odt', mimetype: 'application/vnd.oasis.opendocument.text', pretty: 'OpenDocument Text' },
  zip: { filetype: 'zip', mimetype: 'application/zip', pretty: 'Zip' },
  gz: { filetype: 'gzip', mimetype: 'application/gzip', pretty: 'GZip' },
  mp3: { filetype: 'mp3', mimetype: 'audio/mpeg', pretty: 'MP3' },
  mp4: { filetype: 'mp4', mimetype: 'video/mp4', pretty: 'MPEG 4 Video' },
};

const BINARY: KnownType = { filetype: 'binary', mimetype: 'application/octet-stream', pretty: 'Binary' };

/** The extension of a file name, lower-case and without the dot; `''` when it has none. */
export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(name);
  return match?.[1]?.toLowerCase() ?? '';
}

/** What Slack makes of a file from its name (and, for snippets, the snippet type). */
export function fileTypeOf(name: string, snippetType?: string): KnownType {
  const known = KNOWN_TYPES[extensionOf(name)];
  if (snippetType)
    return { filetype: snippetType, mimetype: known?.mimetype ?? 'text/plain', pretty: snippetType };
  return known ?? BINARY;
}

interface FileRecord {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  prettyType: string;
  /** Absent until the bytes reach the upload URL. */
  content: Buffer | undefined;
  user: string;
  createdMs: number;
  altText: string | undefined;
  snippetType: string | undefined;
  source: FileSource;
  /** `pending` until files.completeUploadExternal; only complete files exist for anyone. */
  status: 'pending' | 'complete';
  uploadKey: string | undefined;
  shares: (FileShare & { kind: 'channel' | 'group' | 'im'; isPublic: boolean; channelName: string })[];
}

export interface ReserveInput {
  filename: string;
  user: string;
  altText?: string;
  snippetType?: string;
}

export interface CreateFileInput {
  name: string;
  content: string | Uint8Array;
  user: string;
  source: FileSource;
  title?: string;
  mimetype?: string;
}

export type UploadResult = { ok: true; id: string; size: number } | { ok: false };

export class FilesState {
  private readonly records = new Map<string, FileRecord>();
  private readonly byUploadKey = new Map<string, string>();

  constructor(
    private readonly identity: WorkspaceIdentity,
    private readonly clock: () => number,
    private readonly emit: ChangeListener,
    /** The emulator's base URL, for `url_private` and permalinks. */
    private readonly baseUrl: () => string,
  ) {}

  // ---- the Web API's three steps --------------------------------------------------------------

  /** files.getUploadURLExternal: a file id and the key of its upload URL (`/upload/v1/<key>`). */
  reserve(input: ReserveInput): { id: string; uploadKey: string } {
    const type = fileTypeOf(input.filename, input.snippetType);
    const id = slackId('F');
    const uploadKey = randomHex(24);
    this.records.set(id, {
      id,
      name: input.filename,
      title: input.filename,
      mimetype: type.mimetype,
      filetype: type.filetype,
      prettyType: type.pretty,
      content: undefined,
      user: input.user,
      createdMs: this.clock(),
      altText: input.altText,
      snippetType: input.snippetType,
      source: 'web_api',
      status: 'pending',
      uploadKey,
      shares: [],
    });
    this.byUploadKey.set(uploadKey, id);
    return { id, uploadKey };
  }

  /** The bytes POSTed to an upload URL. A URL works until its file is completed. */
  receiveUpload(uploadKey: string, bytes: Buffer): UploadResult {
    const id = this.byUploadKey.get(uploadKey);
    const record = id ? this.records.get(id) : undefined;
    if (record?.status !== 'pending') return { ok: false };
    record.content = Buffer.from(bytes);
    return { ok: true, id: record.id, size: record.content.length };
  }

  /**
   * Throws Slack's `file_not_found` unless every id is an upload whose bytes arrived and that is
   * not completed yet, so a completion either completes all its files or none.
   */
  assertCompletable(ids: readonly string[]): void {
    for (const id of ids) {
      const record = this.records.get(id);
      if (record?.source !== 'web_api') {
        throw new SlackApiError('file_not_found', [`[ERROR] no upload ${id}`]);
      }
      if (record.status === 'complete') {
        throw new SlackApiError('file_not_found', [`[ERROR] the upload of ${id} is already complete`]);
      }
      if (!record.content) {
        throw new SlackApiError('file_not_found', [
          `[ERROR] nothing was uploaded to the upload_url of ${id}: POST the bytes there first`,
        ]);
      }
    }
  }

  /** files.completeUploadExternal: the upload becomes a file; its upload URL stops working. */
  complete(id: string, title: string | undefined): void {
    this.assertCompletable([id]);
    const record = this.records.get(id);
    if (!record) return;
    record.status = 'complete';
    if (title) record.title = title;
    if (record.uploadKey) this.byUploadKey.delete(record.uploadKey);
    record.uploadKey = undefined;
    this.emit({ type: 'file', action: 'added', file: this.snapshot(record) });
  }

  // ---- files created directly ---------------------------------------------------------------

  /** A file a person uploaded in the Slack client (a modal's file_input): complete at once. */
  create(input: CreateFileInput): SandboxFile {
    const type = fileTypeOf(input.name);
    const content = Buffer.from(input.content);
    const record: FileRecord = {
      id: slackId('F'),
      name: input.name,
      title: input.title ?? input.name,
      mimetype: input.mimetype ?? type.mimetype,
      filetype: type.filetype,
      prettyType: type.pretty,
      content,
      user: input.user,
      createdMs: this.clock(),
      altText: undefined,
      snippetType: undefined,
      source: input.source,
      status: 'complete',
      uploadKey: undefined,
      shares: [],
    };
    this.records.set(record.id, record);
    const file = this.snapshot(record);
    this.emit({ type: 'file', action: 'added', file });
    return file;
  }

  /** Records that the message `ts` in `channel` carries the file. */
  share(id: string, channel: SandboxChannel, ts: string, threadTs?: string): void {
    const record = this.completeRecord(id);
    if (!record) throw new Error(`No file ${id}`);
    record.shares.push({
      channel: channel.id,
      ts,
      ...(threadTs ? { threadTs } : {}),
      kind: channel.isIm ? 'im' : channel.isPrivate || channel.isMpim ? 'group' : 'channel',
      isPublic: !channel.isPrivate && !channel.isIm && !channel.isMpim,
      channelName: channel.name,
    });
    this.emit({ type: 'file', action: 'shared', file: this.snapshot(record) });
  }

  // ---- reading ------------------------------------------------------------------------------

  private completeRecord(id: string): FileRecord | undefined {
    const record = this.records.get(id);
    return record?.status === 'complete' ? record : undefined;
  }

  /** A complete file with its bytes; uploads not completed yet are not files. */
  file(id: string): SandboxFile | undefined {
    const record = this.completeRecord(id);
    return record && this.snapshot(record);
  }

  /** Complete files, oldest first. */
  list(): SandboxFile[] {
    return [...this.records.values()].filter((r) => r.status === 'complete').map((r) => this.snapshot(r));
  }

  private snapshot(record: FileRecord): SandboxFile {
    const content = Buffer.from(record.content ?? Buffer.alloc(0));
    return {
      id: record.id,
      name: record.name,
      title: record.title,
      mimetype: record.mimetype,
      filetype: record.filetype,
      size: content.length,
      content,
      text: content.toString('utf8'),
      user: record.user,
      created: Math.floor(record.createdMs / 1000),
      altText: record.altText,
      snippetType: record.snippetType,
      source: record.source,
      channels: [...new Set(record.shares.map((s) => s.channel))],
      shares: record.shares.map(({ channel, ts, threadTs }) => ({
        channel,
        ts,
        ...(threadTs ? { threadTs } : {}),
      })),
    };
  }

  /** `url_private`'s path: `/files-pri/<team>-<file id>/<name>`. */
  privatePath(id: string, name: string, download = false): string {
    const encoded = encodeURIComponent(name);
    return `/files-pri/${this.identity.teamId}-${id}/${download ? 'download/' : ''}${encoded}`;
  }

  /** The file as Slack's Web API and payloads describe it (files.info, messages, file_input). */
  toSlack(id: string): JsonObject {
    const record = this.completeRecord(id);
    if (!record) throw new SlackApiError('file_not_found');
    const base = this.baseUrl();
    const created = Math.floor(record.createdMs / 1000);
    const shares: Record<'public' | 'private', Record<string, JsonObject[]>> = { public: {}, private: {} };
    for (const share of record.shares) {
      const bucket = share.isPublic ? shares.public : shares.private;
      const entry: JsonObject = {
        reply_users: [],
        reply_users_count: 0,
        reply_count: 0,
        ts: share.ts,
        channel_name: share.channelName,
        team_id: this.identity.teamId,
        share_user_id: record.user,
      };
      if (share.threadTs) entry.thread_ts = share.threadTs;
      bucket[share.channel] = [...(bucket[share.channel] ?? []), entry];
    }
    const idsOf = (kind: 'channel' | 'group' | 'im') => [
      ...new Set(record.shares.filter((s) => s.kind === kind).map((s) => s.channel)),
    ];
    const object: JsonObject = {
      id: record.id,
      created,
      timestamp: created,
      name: record.name,
      title: record.title,
      mimetype: record.mimetype,
      filetype: record.filetype,
      pretty_type: record.prettyType,
      user: record.user,
      user_team: this.identity.teamId,
      editable: record.snippetType !== undefined,
      size: record.content?.length ?? 0,
      mode: record.snippetType !== undefined ? 'snippet' : 'hosted',
      is_external: false,
      external_type: '',
      is_public: record.shares.some((s) => s.isPublic),
      public_url_shared: false,
      display_as_bot: false,
      username: '',
      url_private: `${base}${this.privatePath(record.id, record.name)}`,
      url_private_download: `${base}${this.privatePath(record.id, record.name, true)}`,
      media_display_type: 'unknown',
      permalink: `${base}/files/${record.user}/${record.id}/${encodeURIComponent(record.name)}`,
      permalink_public: `${base}/files-pub/${this.identity.teamId}-${record.id}-${record.id.toLowerCase()}`,
      comments_count: 0,
      is_starred: false,
      shares: Object.fromEntries(Object.entries(shares).filter(([, v]) => Object.keys(v).length > 0)),
      channels: idsOf('channel'),
      groups: idsOf('group'),
      ims: idsOf('im'),
      has_more_shares: false,
      has_rich_preview: false,
      file_access: 'visible',
    };
    if (record.altText !== undefined) object.alt_txt = record.altText;
    return object;
  }

  /** The bytes behind a `url_private` path, for a GET with the bot token. */
  download(teamAndId: string): SandboxFile | undefined {
    const prefix = `${this.identity.teamId}-`;
    if (!teamAndId.startsWith(prefix)) return undefined;
    return this.file(teamAndId.slice(prefix.length));
  }
}
