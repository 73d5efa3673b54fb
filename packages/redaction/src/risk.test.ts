import { describe, expect, it } from 'vitest';
import { assessRisk, CLASS_MODEL, DEFAULT_POPULATION, type RiskItem } from './risk.ts';

const q = (subtype: string | null, over: Partial<RiskItem> = {}): RiskItem => ({ category: 'quasi', subtype, state: 'suggested', generalisation: null, ...over });

describe('re-identification risk', () => {
  it('nothing visible is low risk and says so', () => {
    const r = assessRisk([]);
    expect(r).toMatchObject({ level: 'low', anonymitySet: DEFAULT_POPULATION, reasons: [], summary: 'no quasi-identifier visible' });
  });

  it('exact age + profession + home region + exact date is high, with the reasons in words, strongest first', () => {
    const r = assessRisk([q('age'), q('job'), q('origin', { state: 'rejected' }), q('date')]);
    expect(r.level).toBe('high');
    expect(r.reasons).toEqual(['profession or rank', 'exact age', 'home region or origin', 'exact date of a personal event']);
    expect(r.summary).toBe('profession or rank + exact age + home region or origin + exact date of a personal event visible');
    expect(r.anonymitySet).toBeLessThan(10);
  });

  it('one detail alone is low, two strong ones medium', () => {
    expect(assessRisk([q('age')]).level).toBe('low');
    expect(assessRisk([q('age'), q('profession')]).level).toBe('medium');
  });

  it('falls as details are redacted: accepted labels vanish, accepted ages and dates leave a coarse value', () => {
    const items = [q('age'), q('profession'), q('origin'), q('date')];
    const accepted = items.map((i) => ({ ...i, state: 'accepted' as const }));
    const r = assessRisk(accepted);
    expect(r.level).toBe('low');
    expect(r.reasons).toEqual(['age range', 'year of a personal event']);
  });

  it('a reviewer-written generalisation counts as a coarse value of its class', () => {
    const r = assessRisk([q('profession', { state: 'accepted', generalisation: 'a health worker' })]);
    expect(r.reasons).toEqual(['generalised profession']);
    expect(r.visible[0]?.factor).toBe(CLASS_MODEL.profession.coarse);
  });

  it('ignores other categories, names unknown subtypes "other", and counts mentions of one fact once', () => {
    const r = assessRisk([
      { category: 'person', subtype: null, state: 'suggested', generalisation: null },
      q('shoe size'),
      q('date', { entityGroupId: 'g1' }),
      q('date', { entityGroupId: 'g1' }),
    ]);
    expect(r.reasons).toEqual(['exact date of a personal event', 'other personal detail']);
  });

  it('distinct values of one class narrow further (arrest date and escape date), up to a cap', () => {
    const one = assessRisk([q('date')]).visible[0]?.factor ?? 0;
    const two = assessRisk([q('date'), q('date')]).visible[0];
    const many = assessRisk([q('date'), q('date'), q('date'), q('date'), q('date')]).visible[0];
    expect(two?.factor).toBe(one * 2);
    expect(two?.reason).toBe('exact date of a personal event (2 values)');
    expect(many?.factor).toBe(one * 4);
  });

  it('a fact visible exactly in one mention is exact even if another mention is generalised', () => {
    const r = assessRisk([q('age', { entityGroupId: 'a', state: 'accepted' }), q('age', { entityGroupId: 'a' })]);
    expect(r.reasons).toEqual(['exact age']);
  });

  it('a smaller population (a known unit of a few hundred) raises the level for the same details', () => {
    expect(assessRisk([q('age')], { population: 1_000 }).level).toBe('medium');
    expect(assessRisk([q('age')], { population: 200 }).level).toBe('high');
  });
});
