import { describe, expect, it } from 'vitest';
import { review } from './index.ts';

describe('review(): candidates for the name ledger', () => {
  const text = 'Later that week Ferhoun Dalamsi drove us to Qosmir. Ferhoun said nothing on the way. We met Ferhoun again in Turkey.\n';

  it('lists unsuggested names with one entityKey per entity, never public ones, and no overlap with suggestions', () => {
    const { spans, review: cands } = review(text);
    const all = [...spans.map((s) => text.slice(s.start, s.end)), ...cands.map((c) => c.text)];
    expect(all.filter((t) => t.includes('Ferhoun')).length).toBeGreaterThanOrEqual(3);
    expect(cands.map((c) => c.text)).not.toContain('Turkey');
    for (const c of cands) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(spans.some((s) => s.start < c.end && s.end > c.start && s.start <= c.start && s.end >= c.end)).toBe(false);
    }
    const keys = new Set(cands.filter((c) => c.text.startsWith('Ferhoun')).map((c) => c.entityKey));
    expect(keys.size).toBeLessThanOrEqual(1);
  });

  it('drops terms of the caller allow-list from candidates and suggestions', () => {
    const { spans, review: cands } = review(text, { allow: ['Ferhoun Dalamsi', 'Ferhoun', 'Qosmir'] });
    const all = [...spans.map((s) => text.slice(s.start, s.end)), ...cands.map((c) => c.text)];
    expect(all.some((t) => t.includes('Ferhoun') || t.includes('Qosmir'))).toBe(false);
  });

  it('groups spellings the shared variant matcher calls one name, lower-case transcript forms included', () => {
    const t = 'this is yusuf, i am fine. i was with tariq near the river. Tareq will call you tomorrow.\n';
    const { review: cands } = review(t);
    const keys = new Set(cands.filter((c) => /^t[ae]r[ei]q$/i.test(c.text)).map((c) => c.entityKey));
    expect(cands.filter((c) => /^t[ae]r[ei]q$/i.test(c.text))).toHaveLength(2);
    expect(keys.size).toBe(1);
  });
});
