import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'redaction-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run --silent detect -- <file>', () => {
  it('prints only one JSON object whose offsets slice the raw file text, with Arabic, accents and emoji', () => {
    const text = '🙂 شهادة\r\nRe\u0301my wrote this. "My cousin Nizar 👨‍👩‍👧 and I hid in Jarablus," Khalil, 31, says. Café Ça.\n';
    const file = join(dir, 'testimony.txt');
    writeFileSync(file, text, 'utf8');
    const run = spawnSync('npm', ['run', '--silent', 'detect', '--', file], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { spans: Array<{ start: number; end: number; category: string; text: string }> };
    expect(Object.keys(out)).toEqual(['spans']);
    expect(out.spans.length).toBeGreaterThan(0);
    for (const s of out.spans) {
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(['person', 'place', 'hiding', 'quasi', 'other']).toContain(s.category);
    }
    const texts = out.spans.map((s) => s.text);
    expect(texts).toContain('Nizar');
    expect(texts).toContain('Khalil');
  }, 20_000);
});
