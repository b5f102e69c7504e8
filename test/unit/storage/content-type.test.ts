import { detectKind, SNIFF_BYTES } from '../../../src/storage/content-type';

/** The start of a zip with these entries (their local file headers, as zip writers emit them). */
function zipWithEntries(...names: string[]): Buffer {
  return Buffer.concat(
    names.map((name) => {
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(Buffer.byteLength(name), 26);
      return Buffer.concat([header, Buffer.from(name)]);
    }),
  );
}

const bytes = (...values: number[]) => Buffer.from(values);
const detect = (head: Buffer, name = 'upload.bin') => detectKind(head, name, head.length < SNIFF_BYTES).kind;

describe('detectKind: the bytes decide, not the name', () => {
  it.each([
    ['pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj')],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)],
    ['jpg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46)],
    ['gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['webp', Buffer.concat([Buffer.from('RIFF'), bytes(0x24, 0, 0, 0), Buffer.from('WEBPVP8 ')])],
    ['docx', zipWithEntries('[Content_Types].xml', '_rels/.rels', 'word/document.xml')],
    ['xlsx', zipWithEntries('[Content_Types].xml', 'xl/workbook.xml')],
    ['pptx', zipWithEntries('[Content_Types].xml', 'ppt/presentation.xml')],
    ['odt', zipWithEntries('mimetypeapplication/vnd.oasis.opendocument.text')],
    ['zip', zipWithEntries('photos/2026/a.jpg')],
  ])('recognises %s whatever the file is called', (kind, head) => {
    expect(detect(head, 'renamed.txt')).toBe(kind);
  });

  it('tells the Office 97 formats apart by their main stream', () => {
    const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
    expect(detect(Buffer.concat([ole, Buffer.alloc(64), Buffer.from('WordDocument', 'utf16le')]))).toBe(
      'doc',
    );
    expect(detect(Buffer.concat([ole, Buffer.alloc(64), Buffer.from('Workbook', 'utf16le')]))).toBe('xls');
    expect(
      detect(Buffer.concat([ole, Buffer.alloc(64), Buffer.from('PowerPoint Document', 'utf16le')])),
    ).toBe('ppt');
    expect(detectKind(Buffer.concat([ole, Buffer.alloc(64)]), 'a.doc', true)).toEqual({
      kind: null,
      seen: 'an OLE2 compound file',
    });
  });

  it('names a program disguised as a document for what it is', () => {
    expect(detectKind(Buffer.from('MZ\x90\x00\x03', 'latin1'), 'report.pdf', true)).toEqual({
      kind: null,
      seen: 'a Windows program',
    });
    expect(detectKind(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1), 'minutes.docx', true)).toEqual({
      kind: null,
      seen: 'a Linux program',
    });
  });

  it('takes UTF-8 text in Chinese and English as text, the extension choosing which', () => {
    const text = Buffer.from('預算,金額\n年度預算報告,1200\nbudget,300\n');
    expect(detect(text, '預算.csv')).toBe('csv');
    expect(detect(text, 'notes.md')).toBe('md');
    expect(detect(text, 'notes')).toBe('txt');
  });

  it('accepts a UTF-8 character cut at the end of the sniffed head, but not invalid UTF-8', () => {
    const cut = Buffer.from('年度預算').subarray(0, 7);
    expect(detectKind(cut, 'a.txt', false).kind).toBe('txt');
    expect(detectKind(cut, 'a.txt', true).kind).toBeNull();
    expect(detect(bytes(0x41, 0xc3, 0x28, 0x41), 'a.txt')).toBeNull();
  });

  it('refuses NUL bytes and control-character noise as text', () => {
    expect(detect(Buffer.from('abc\u0000def'), 'a.txt')).toBeNull();
    expect(detect(Buffer.from('\u0001\u0002\u0003\u0004hello'), 'a.txt')).toBeNull();
  });

  it('calls nothing an empty file', () => {
    expect(detectKind(Buffer.alloc(0), 'a.txt', true)).toEqual({ kind: null, seen: 'an empty file' });
  });
});
