import { fileURLToPath } from 'node:url';
import { POLICY_CATEGORIES } from '@mos/db/artifacts';
import { describe, expect, it } from 'vitest';
import { checkCompliance, loadCorpus, parseCorpus, scoreCorpus } from '../src/compliance';

const DEV = fileURLToPath(new URL('../eval/compliance/dev.jsonl', import.meta.url));

describe('the development corpus', () => {
  const lines = loadCorpus(DEV);

  it('is labelled in the contract format, in both languages, across verticals and platforms', () => {
    expect(lines.length).toBeGreaterThanOrEqual(150);
    expect(new Set(lines.map((l) => l.language))).toEqual(new Set(['en', 'de']));
    expect(new Set(lines.map((l) => l.platform))).toEqual(new Set(['meta', 'google', 'tiktok']));
    expect(new Set(lines.map((l) => l.vertical)).size).toBeGreaterThanOrEqual(8);
    for (const l of lines) {
      if (l.label === 'violating') expect(l.categories.length, l.id).toBeGreaterThan(0);
      else expect(l.categories, l.id).toEqual([]);
    }
    const covered = new Set(lines.flatMap((l) => l.categories));
    expect([...covered].sort()).toEqual([...POLICY_CATEGORIES].sort());
  });

  it('is scored within the budget: recall >= 0.95 on violations, precision >= 0.8', () => {
    const score = scoreCorpus(lines);
    expect(score.total).toBe(lines.length);
    expect(score.violating + score.compliant).toBe(lines.length);
    expect(score.recall, `missed: ${score.misses.join(', ')}`).toBeGreaterThanOrEqual(0.95);
    expect(score.precision, `false alarms: ${score.falseAlarms.join(', ')}`).toBeGreaterThanOrEqual(0.8);
    for (const c of POLICY_CATEGORIES) {
      expect(score.perCategory[c].lines, c).toBeGreaterThan(0);
      expect(score.perCategory[c].recall, c).toBeGreaterThanOrEqual(0.8);
    }
  });
});

describe('scoreCorpus', () => {
  const line = (id: string, text: string, label: 'violating' | 'compliant', categories: string[] = []) =>
    JSON.stringify({
      id,
      text,
      field: 'headline',
      language: 'en',
      vertical: 'ecommerce',
      platform: 'meta',
      context: { subscription: false, specialAdCategory: null, substantiatedClaims: [] },
      label,
      categories,
      note: '',
    });

  it('counts true and false positives, misses and per-category recall', () => {
    const corpus = parseCorpus(
      [
        line('a', 'Only 3 left, ends tonight', 'violating', ['false_urgency']),
        line('b', 'Handmade leather bags', 'violating', ['unsubstantiated_superlatives']),
        line('c', 'Hurry, sale ends at midnight', 'compliant'),
        line('d', 'Fresh beans, roasted weekly', 'compliant'),
      ].join('\n'),
    );
    const s = scoreCorpus(corpus);
    expect(s).toMatchObject({
      total: 4,
      violating: 2,
      compliant: 2,
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 0.5,
      recall: 0.5,
      misses: ['b'],
      falseAlarms: ['c'],
    });
    expect(s.perCategory.false_urgency).toEqual({ lines: 1, caught: 1, recall: 1 });
    expect(s.perCategory.unsubstantiated_superlatives).toEqual({ lines: 1, caught: 0, recall: 0 });
  });

  it('refuses a line outside the format, naming the line', () => {
    expect(() => parseCorpus(`${line('a', 'x', 'compliant')}\n{"id":"b","text":"y"}`)).toThrow(/line 2/);
    expect(() => parseCorpus(`${line('a', 'x', 'compliant')}\n${line('a', 'y', 'compliant')}`)).toThrow(
      /duplicate id a/,
    );
  });

  it('flags exactly what checkCompliance finds', () => {
    const [only] = parseCorpus(line('a', 'Lose 10 lbs in 2 weeks', 'violating', ['weight_loss']));
    if (!only) throw new Error('no line');
    const { id: _id, label: _label, categories: _categories, note: _note, ...input } = only;
    expect(checkCompliance(input).map((f) => f.category)).toContain('weight_loss');
  });
});
