/**
 * What a file really is, decided from its first bytes, never from its name: a `.pdf` that is an
 * executable is refused as what it is. Text has no signature, so bytes that are valid UTF-8
 * without NUL are text, and only then does the name's extension pick which text (csv, md, txt).
 * Office's zip-based formats are told apart by the part names in the zip's first entries.
 */

export const FILE_KINDS = [
  'pdf',
  'docx',
  'xlsx',
  'pptx',
  'doc',
  'xls',
  'ppt',
  'odt',
  'ods',
  'odp',
  'zip',
  'png',
  'jpg',
  'gif',
  'webp',
  'txt',
  'csv',
  'md',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const MIME_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
};

/** How many leading bytes `detectKind` needs to see (zip part names sit in the first entries). */
export const SNIFF_BYTES = 64 * 1024;

/** What the bytes are, or a short description of what they are when not a known kind. */
export type Detection = { kind: FileKind } | { kind: null; seen: string };

const startsWith = (head: Buffer, bytes: number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((byte, i) => head[at + i] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** OLE2 compound files (Word 97, Excel 97, PowerPoint 97) name their main stream in UTF-16. */
const utf16 = (text: string) => Buffer.from(text, 'utf16le');

function detectZip(head: Buffer): FileKind {
  const text = head.toString('latin1');
  // OpenDocument stores its type, uncompressed, as the zip's first part.
  const odf = /mimetypeapplication\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)/.exec(text);
  if (odf) return ({ text: 'odt', spreadsheet: 'ods', presentation: 'odp' } as const)[odf[1] as 'text'];
  if (text.includes('[Content_Types].xml') || text.includes('_rels/.rels')) {
    if (text.includes('word/')) return 'docx';
    if (text.includes('xl/')) return 'xlsx';
    if (text.includes('ppt/')) return 'pptx';
  }
  return 'zip';
}

function detectOle(head: Buffer): FileKind | null {
  if (head.includes(utf16('WordDocument'))) return 'doc';
  if (head.includes(utf16('Workbook')) || head.includes(utf16('Book'))) return 'xls';
  if (head.includes(utf16('PowerPoint Document'))) return 'ppt';
  return null;
}

/** Valid UTF-8 with no NUL and few control characters: text. A cut last character is allowed. */
function isText(head: Buffer, complete: boolean): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    return false;
  }
  let controls = 0;
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls += 1;
  return controls <= head.length / 100;
}

function textKind(name: string): FileKind {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'csv') return 'csv';
  if (extension === 'md' || extension === 'markdown') return 'md';
  return 'txt';
}

/**
 * `head` is the file's first `SNIFF_BYTES` bytes (or all of it, then `complete`); `name` only
 * chooses among text kinds.
 */
export function detectKind(head: Buffer, name: string, complete: boolean): Detection {
  if (startsWith(head, ascii('%PDF-'))) return { kind: 'pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'jpg' };
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return { kind: 'gif' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return { kind: 'webp' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: detectZip(head) };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const kind = detectOle(head);
    return kind ? { kind } : { kind: null, seen: 'an OLE2 compound file' };
  }
  if (startsWith(head, ascii('MZ'))) return { kind: null, seen: 'a Windows program' };
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return { kind: null, seen: 'a Linux program' };
  if (startsWith(head, [0x1f, 0x8b])) return { kind: null, seen: 'a gzip archive' };
  if (isText(head, complete)) return { kind: textKind(name) };
  return { kind: null, seen: head.length === 0 ? 'an empty file' : 'binary data of an unknown type' };
}
