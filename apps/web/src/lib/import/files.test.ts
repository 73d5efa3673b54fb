import { describe, expect, it } from 'vitest';
import { checkFile, decodeUtf8, looksBinary, MAX_IMPORT_BYTES, titleFromFileName } from './files';

describe('checkFile', () => {
  it('accepts supported extensions case-insensitively', () => {
    expect(checkFile('a.TXT', 10)).toEqual({ ok: true, kind: 'text' });
    expect(checkFile('notes.md', 10)).toEqual({ ok: true, kind: 'markdown' });
    expect(checkFile('x.docx', 10)).toEqual({ ok: true, kind: 'docx' });
    expect(checkFile('x.pdf', 10)).toEqual({ ok: true, kind: 'pdf' });
  });

  it('rejects unsupported, empty and oversized files with a message', () => {
    expect(checkFile('photo.jpg', 10)).toMatchObject({ ok: false });
    expect(checkFile('old.doc', 10)).toMatchObject({ ok: false });
    expect(checkFile('noext', 10)).toMatchObject({ ok: false });
    expect(checkFile('a.txt', 0)).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
    expect(checkFile('a.txt', MAX_IMPORT_BYTES + 1)).toMatchObject({ ok: false, message: expect.stringContaining('10 MB') });
    expect(checkFile('a.txt', MAX_IMPORT_BYTES)).toMatchObject({ ok: true });
  });
});

describe('looksBinary', () => {
  it('detects NUL bytes and control-character noise', () => {
    expect(looksBinary(new Uint8Array([72, 105, 0, 33]))).toBe(true);
    expect(looksBinary(new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 1 : 65))))).toBe(true);
  });

  it('accepts UTF-8 text including Arabic, tabs and newlines', () => {
    expect(looksBinary(new TextEncoder().encode('Hello\tworld\r\nمرحبا بكم'))).toBe(false);
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 and strips the BOM', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toBe('hi');
  });

  it('returns null for invalid UTF-8', () => {
    expect(decodeUtf8(new Uint8Array([0xff, 0xfe, 0x41]))).toBeNull();
  });
});

describe('titleFromFileName', () => {
  it('turns a file name into a readable title', () => {
    expect(titleFromFileName('witness_03-final.docx')).toBe('witness 03 final');
  });
});

describe('storable', () => {
  it('removes NUL and lone surrogates from imported text and says so', async () => {
    const { storable } = await import('./extract');
    expect(storable('Sa\u0000mir 🕊️ \uD800x')).toEqual({ text: 'Samir 🕊️ x', warnings: [expect.stringMatching(/^2 invisible characters .* were removed/)] });
    expect(storable('قال سمير 🕊️ Élodie', ['w'])).toEqual({ text: 'قال سمير 🕊️ Élodie', warnings: ['w'] });
  });
});
