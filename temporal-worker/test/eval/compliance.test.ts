import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLICY_CATEGORIES } from '@mos/db/artifacts';
import { afterAll, describe, expect, it } from 'vitest';
import { type CorpusLine, meetsBudget, RED_TEAM_FILE, readCorpus } from '../../eval/compliance/corpus';
import { scoreCorpus } from '../../src/compliance';

const temp = mkdtempSync(join(tmpdir(), 'mos-eval-corpus-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const red = readCorpus(RED_TEAM_FILE);

describe('the red-team corpus (written independently, used for tuning since the rules were generalised)', () => {
  it('has at least 220 lines, about half violating, and at least 60 in German', () => {
    expect(red.length).toBeGreaterThanOrEqual(220);
    const violating = red.filter((l) => l.label === 'violating').length / red.length;
    expect(violating).toBeGreaterThan(0.4);
    expect(violating).toBeLessThan(0.6);
    expect(red.filter((l) => l.language === 'de').length).toBeGreaterThanOrEqual(60);
  });

  it('covers every policy category, the verticals, platforms and fields', () => {
    for (const c of POLICY_CATEGORIES) {
      expect(red.filter((l) => l.categories.includes(c)).length, c).toBeGreaterThanOrEqual(8);
    }
    const verticals = new Set(red.map((l) => l.vertical));
    for (const v of [
      'skincare',
      'supplements',
      'weight_loss',
      'finance',
      'coaching',
      'b2b_saas',
      'ecommerce',
      'real_estate',
      'recruiting',
    ])
      expect(verticals).toContain(v);
    expect(new Set(red.map((l) => l.platform))).toEqual(new Set(['meta', 'google', 'tiktok']));
    expect(new Set(red.map((l) => l.field)).size).toBeGreaterThanOrEqual(6);
  });

  it('holds hard compliant lines: substantiated claims, real deadlines, complete subscription terms', () => {
    const compliant = (pred: (l: CorpusLine) => boolean) =>
      red.filter((l) => l.label === 'compliant' && pred(l));
    expect(
      compliant(
        (l) => l.text === 'Clinically tested for sensitive skin' && l.context.substantiatedClaims.length > 0,
      ),
    ).toHaveLength(1);
    expect(compliant((l) => /^Sale ends Sunday/.test(l.text)).length).toBeGreaterThanOrEqual(1);
    expect(
      compliant((l) => l.context.subscription && /cancel/i.test(l.text) && /renew/i.test(l.text)).length,
    ).toBeGreaterThanOrEqual(5);
  });

  it('refuses a malformed corpus, naming the line', () => {
    const file = join(temp, 'bad.jsonl');
    const line = red[0];
    writeFileSync(
      file,
      `${JSON.stringify(line)}\n${JSON.stringify({ ...line, id: 'x', categories: [] })}\n${JSON.stringify(line)}\n`,
    );
    expect(() => readCorpus(file)).toThrow(
      /line 2: categories: a violating line names its categories[\s\S]*line 3: duplicate id/,
    );
  });
});

describe('scoring', () => {
  it('computes precision, recall and per-category recall from the findings', () => {
    const flagAll = scoreCorpus(red, () => [{}]);
    const violating = red.filter((l) => l.label === 'violating').length;
    expect(flagAll).toMatchObject({ recall: 1, falseNegatives: 0, falsePositives: red.length - violating });
    expect(flagAll.precision).toBeCloseTo(violating / red.length, 10);
    const flagNone = scoreCorpus(red, () => []);
    expect(flagNone).toMatchObject({ recall: 0, truePositives: 0, falseAlarms: [] });
    expect(flagNone.misses).toHaveLength(violating);
    // A check that flags only German lines: per-category recall is the German share of each category.
    const german = scoreCorpus(red, (input) => (input.language === 'de' ? [{}] : []));
    const pa = red.filter((l) => l.categories.includes('personal_attributes'));
    expect(german.perCategory.personal_attributes).toEqual({
      lines: pa.length,
      caught: pa.filter((l) => l.language === 'de').length,
      recall: pa.filter((l) => l.language === 'de').length / pa.length,
    });
    expect(meetsBudget({ recall: 0.95, precision: 0.8 })).toBe(true);
    expect(meetsBudget({ recall: 0.94, precision: 1 })).toBe(false);
  });
});
