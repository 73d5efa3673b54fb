import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'redaction-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Out {
  spans: Array<{ start: number; end: number; category: string; text: string }>;
  review: Array<{ start: number; end: number; text: string; entityKey: string }>;
}

function runDetect(name: string, text: string): Out {
  const file = join(dir, name);
  writeFileSync(file, text, 'utf8');
  const run = spawnSync('npm', ['run', '--silent', 'detect', '--', file], { cwd: repoRoot, encoding: 'utf8' });
  expect(run.status).toBe(0);
  // Exactly one JSON object on one line, nothing else on stdout.
  expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
  const out = JSON.parse(run.stdout) as Out;
  expect(Object.keys(out)).toEqual(['spans', 'review']);
  for (const s of out.spans) {
    expect(Object.keys(s)).toEqual(['start', 'end', 'category', 'text']);
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(['person', 'place', 'hiding', 'quasi', 'other']).toContain(s.category);
  }
  for (const r of out.review) {
    expect(Object.keys(r)).toEqual(['start', 'end', 'text', 'entityKey']);
    expect(text.slice(r.start, r.end)).toBe(r.text);
    // A candidate is never also a suggestion.
    expect(out.spans.some((s) => s.start <= r.start && s.end >= r.end)).toBe(false);
  }
  return out;
}

const keyOf = (out: Out, text: string): string | undefined => out.review.find((r) => r.text === text)?.entityKey;

// Each case spawns `npm run detect` (tsx start-up, lexicon load): seconds on a quiet machine, far more
// on a loaded one, so the budget is generous; the assertions are on the output, not the time.
describe('npm run --silent detect -- <file>', { timeout: 120_000 }, () => {
  it('prints spans and review whose offsets slice the raw file text, with Arabic, accents and emoji', () => {
    const text = '🙂 شهادة\r\nRe\u0301my wrote this. "My cousin Nizar 👨‍👩‍👧 and I hid in Jarablus," Khalil, 31, says. Café Ça.\n';
    const out = runDetect('testimony.txt', text);
    const texts = out.spans.map((s) => s.text);
    expect(texts).toContain('Nizar');
    expect(texts).toContain('Khalil');
  }, 90_000);

  it('lists an unsuggested capitalised name after emoji, and each part of a hyphenated compound', () => {
    const text = '🚗🚗 We drove on the Tarvani-Qosmir road that night. 🙏 Ferhoun Dalamsi waited for us with bread.\n';
    const out = runDetect('emoji.txt', text);
    const listed = [...out.review.map((r) => r.text), ...out.spans.map((s) => s.text)];
    expect(listed).toContain('Tarvani');
    expect(listed).toContain('Qosmir');
    expect(listed.some((t) => t.includes('Ferhoun'))).toBe(true);
    // Public entities and ordinary sentence-start words are never candidates.
    expect(out.review.map((r) => r.text)).not.toContain('We');
  }, 90_000);

  it('lists Arabic-script names that are not common words, one entity for the bare and the و form', () => {
    const text = 'قال الشاهد إن زرياب كان معه في الطريق، ثم وصل وزرياب إلى المدرسة بعد يومين.\n';
    const out = runDetect('arabic.txt', text);
    const covered = (w: string): boolean => [...out.review, ...out.spans].some((x) => x.text.includes(w));
    expect(covered('زرياب')).toBe(true);
    // Ordinary words are not listed.
    expect(out.review.map((r) => r.text)).not.toContain('المدرسة');
    expect(out.review.map((r) => r.text)).not.toContain('الطريق');
    const bare = keyOf(out, 'زرياب');
    if (bare) expect(keyOf(out, 'وزرياب')).toBe(bare);
  }, 90_000);

  it('lists lower-case names in an informal voice-note transcript, spelling variants under one key', () => {
    const text =
      'salam brother. this is yusuf, i am fine. i was with my cousin tariq near the river. ' +
      'abu zayed took us in his car, i paid him. tariq says hello. Tareq will call you tomorrow.\n';
    const out = runDetect('voicenote.txt', text);
    const all = [...out.review, ...out.spans];
    for (const name of ['yusuf', 'tariq', 'zayed']) expect(all.some((x) => x.text.toLowerCase().includes(name))).toBe(true);
    const lower = keyOf(out, 'tariq');
    if (lower && keyOf(out, 'Tareq')) expect(keyOf(out, 'Tareq')).toBe(lower);
    // Ordinary lower-case words stay text.
    expect(out.review.map((r) => r.text)).not.toContain('river');
  }, 90_000);
});
