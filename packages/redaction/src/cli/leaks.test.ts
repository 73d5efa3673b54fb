import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'leaks-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Hit {
  secret: string;
  start: number;
  end: number;
  text: string;
}

function leaks(text: string, secrets: unknown): { status: number | null; stdout: string; hits: Hit[] } {
  const textFile = join(dir, 'export.txt');
  const secretsFile = join(dir, 'secrets.json');
  writeFileSync(textFile, text, 'utf8');
  writeFileSync(secretsFile, JSON.stringify(secrets), 'utf8');
  const run = spawnSync('npm', ['run', '--silent', 'leaks', '--', '--text', textFile, '--secrets', secretsFile], { cwd: repoRoot, encoding: 'utf8' });
  const hits = run.status === 0 ? (JSON.parse(run.stdout) as { hits: Hit[] }).hits : [];
  return { status: run.status, stdout: run.stdout, hits };
}

describe('npm run --silent leaks -- --text FILE --secrets SECRETS.json', () => {
  it('prints one JSON object with every visible variant, offsets slicing the exact text (Arabic, emoji, accents)', () => {
    const text = '👨‍👩‍👧 Re\u0301my met NIZAR in Reyhanlı\'da.\r\nThe Kafr-Takharim road; وبنزار قال. Rémy again, and Kafrtakharim.\n';
    const run = leaks(text, ['Nizar', 'Reyhanlı', 'Kafr Takharim', 'Rémy', 'Absent Name']);
    expect(run.status).toBe(0);
    expect(Object.keys(JSON.parse(run.stdout) as object)).toEqual(['hits']);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    for (const h of run.hits) expect(text.slice(h.start, h.end)).toBe(h.text);
    expect(run.hits.map((h) => [h.secret, h.text])).toEqual([
      ['Rémy', 'Re\u0301my'],
      ['Nizar', 'NIZAR'],
      ['Reyhanlı', 'Reyhanlı'],
      ['Kafr Takharim', 'Kafr-Takharim'],
      ['Nizar', 'نزار'],
      ['Rémy', 'Rémy'],
      ['Kafr Takharim', 'Kafrtakharim'],
    ]);
  }, 30_000);

  it('prints an empty list for a clean text, and refuses a secrets file that is not an array of strings', () => {
    expect(leaks('[PERSON 1] stayed in [PLACE 2].', ['Nizar']).hits).toEqual([]);
    const bad = leaks('text', { secrets: 'Nizar' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
  }, 30_000);
});
