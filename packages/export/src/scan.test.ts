import { describe, expect, it } from 'vitest';
import { scanText } from './scan.ts';
import { secretsOf } from './secrets.ts';
import { docWith } from './test/fixtures.ts';

const S = (text: string, category: 'person' | 'place' = 'person') => ({ text, category });

describe('scanText', () => {
  it('finds exact hits whatever the case, with line, column and the text seen', () => {
    const f = scanText('first line\nthen SAMIR HADDAD came', [S('Samir Haddad')], 'txt', 'text');
    expect(f).toEqual([
      { format: 'txt', part: 'text', offset: 16, line: 2, column: 6, length: 12, category: 'person', match: 'exact', text: 'SAMIR HADDAD', secret: 'Samir Haddad' },
    ]);
  });

  it('finds an Arabic name carrying a glued proclitic, and a Latin variant spelling', () => {
    expect(scanText('قال وسمير إنه', [S('سمير')], 'txt', 'text')).toHaveLength(1);
    expect(scanText('then Sameer came', [S('Samir')], 'md', 'text')).toMatchObject([{ match: 'variant', length: 6 }]);
  });

  it('does not flag a name inside a longer word', () => {
    expect(scanText('Alice went home', [S('Ali')], 'txt', 'text')).toEqual([]);
  });

  it('finds a secret made only of digits and punctuation', () => {
    expect(scanText('call +963-11-555 now', [S('+963-11-555')], 'txt', 'text')).not.toEqual([]);
  });
});

describe('secretsOf', () => {
  it('takes accepted spans and every alias of a group with an accepted span, never rejected loners', () => {
    const doc = docWith('Samir met Sameer and Ali near Homs.', [
      { needle: 'Samir', group: 'Samir' },
      { needle: 'Sameer', group: 'Samir', state: 'suggested' },
      { needle: 'Ali', state: 'rejected' },
      { needle: 'Homs', category: 'place' },
    ]);
    expect(secretsOf(doc).map((s) => s.text).sort()).toEqual(['Homs', 'Sameer', 'Samir']);
  });
});
