import { describe, expect, it } from 'vitest';
import type { EntityGroupDto, RedactionDto } from '@desk/protocol';
import { paragraphAt, paragraphsTouching, splitParagraphs } from './paragraphs';
import { buildSegments } from './segments';
import { placeholderLabels, previewPieces } from './placeholders';
import { findOccurrences, spellings } from './occurrences';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function red(n: number, start: number, end: number, extra: Partial<RedactionDto> = {}): RedactionDto {
  return {
    id: uuid(n),
    start,
    end,
    category: 'person',
    subtype: null,
    generalisation: null,
    state: 'accepted',
    entityGroupId: null,
    reason: null,
    confidence: null,
    source: 'user',
    rev: 0,
    proposedBy: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    ...extra,
  };
}

describe('paragraphs', () => {
  const body = 'First para.\n\nSecond one\r\nThird';
  const paras = splitParagraphs(body);

  it('keeps offsets as indices into the original body', () => {
    expect(paras.map((p) => body.slice(p.start, p.end))).toEqual(['First para.', 'Second one', 'Third']);
  });

  it('finds paragraphs touched by a span, including spans crossing a break', () => {
    expect(paragraphsTouching(paras, 0, 5)).toEqual([0]);
    expect(paragraphsTouching(paras, 8, 16)).toEqual([0, 1]);
    expect(paragraphAt(paras, body.indexOf('Third'))).toBe(2);
    expect(paragraphAt(paras, 11)).toBeNull();
  });

  it('handles Arabic text with UTF-16 indices', () => {
    const ar = 'قال أحمد\nثم غادر';
    const p = splitParagraphs(ar);
    expect(ar.slice(p[1]?.start, p[1]?.end)).toBe('ثم غادر');
  });
});

describe('segments', () => {
  it('cuts at every boundary and orders covering redactions accepted first', () => {
    const segs = buildSegments(0, 20, [red(1, 2, 10, { state: 'suggested' }), red(2, 5, 8)], [], []);
    expect(segs.map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [2, 5],
      [5, 8],
      [8, 10],
      [10, 20],
    ]);
    expect(segs[2]?.redactions.map((r) => r.state)).toEqual(['accepted', 'suggested']);
  });
});

describe('placeholders', () => {
  const groups = new Map<string, EntityGroupDto>([[uuid(90), { id: uuid(90), label: 'Yusuf', category: 'person', ordinal: 2 }]]);

  it('numbers grouped spans by ordinal and ungrouped spans after the highest ordinal', () => {
    const rs = [red(1, 0, 5, { entityGroupId: uuid(90) }), red(2, 10, 15), red(3, 20, 25, { category: 'place' }), red(4, 30, 35, { entityGroupId: uuid(90) })];
    const labels = placeholderLabels(rs, groups);
    expect([...rs].map((r) => labels.get(r.id))).toEqual(['[PERSON 2]', '[PERSON 3]', '[PLACE 1]', '[PERSON 2]']);
  });

  it('hides accepted and undecided spans, shows rejected ones', () => {
    const body = 'Yusuf met Karim in Homs.';
    const rs = [red(1, 0, 5), red(2, 10, 15, { state: 'suggested' }), red(3, 19, 23, { state: 'rejected', category: 'place' })];
    const pieces = previewPieces(body, 0, body.length, rs, placeholderLabels(rs, new Map()));
    expect(pieces.map((p) => p.text).join('')).toBe('[PERSON 1] met [PERSON 2] in Homs.');
    expect(pieces.find((p) => p.text === '[PERSON 2]')?.redaction?.pending).toBe(true);
  });

  it('never leaks text under overlapping spans', () => {
    const body = 'Abu Tareq al-Shami came.';
    const rs = [red(1, 0, 9), red(2, 4, 18)];
    const text = previewPieces(body, 0, body.length, rs, placeholderLabels(rs, new Map()))
      .map((p) => p.text)
      .join('');
    expect(text).not.toMatch(/Tareq|Shami/);
  });
});

describe('occurrences', () => {
  it('finds spelling variants on word boundaries', () => {
    const body = 'Yusuf and YUSUF met Yusufa. Then Yūsuf left.';
    const occ = findOccurrences(body, 'Yusuf');
    expect(occ.map((o) => o.text)).toEqual(['Yusuf', 'YUSUF', 'Yūsuf']);
    expect(spellings(occ)).toHaveLength(3);
  });

  it('matches multi-word names, including one broken across a line (fail closed)', () => {
    const body = 'Abu Tareq came. Abu\nTareq left. abu  tareq stayed.';
    expect(findOccurrences(body, 'Abu Tareq').map((o) => o.start)).toEqual([0, 16, body.indexOf('abu  tareq')]);
  });
});
