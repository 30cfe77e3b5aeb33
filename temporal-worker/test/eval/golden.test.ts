import { describe, expect, it } from 'vitest';
import { GOLDEN_FIXTURES } from '../../eval/golden/index';
import { recordedDrafts, VALIDATOR_IDS } from '../../eval/golden/types';
import { fixtureReport } from '../../eval/run';
import { runValidators, VALIDATORS } from '../../eval/validators/index';
import { guessLanguage } from '../../eval/validators/language';
import { moneyMentions, parseAmount } from '../../eval/validators/money';

describe('golden client fixtures', () => {
  it('are the five clients the issue names, each with inputs, recorded drafts and approved versions', () => {
    expect(GOLDEN_FIXTURES.map((f) => f.id)).toEqual([
      'skincare',
      'supplement',
      'b2b-leadgen',
      'finance-credit',
      'us-de-brand',
    ]);
    expect(
      GOLDEN_FIXTURES.filter((f) => f.input.campaign.specialAdCategory !== null).map((f) => f.id),
    ).toEqual(['finance-credit']);
    const usDe = GOLDEN_FIXTURES.find((f) => f.id === 'us-de-brand');
    expect(usDe?.input.markets.map((m) => `${m.country}/${m.currency}`)).toEqual(['US/USD', 'DE/EUR']);
    for (const f of GOLDEN_FIXTURES) {
      expect(f.input.offers.flatMap((o) => o.pricePoints).length, f.id).toBeGreaterThan(0);
      expect(
        f.approved.research.map((s) => s.stepKey),
        f.id,
      ).toEqual(['01', '04', '06']);
      expect(f.approved.assets.length, f.id).toBeGreaterThanOrEqual(4);
      expect(new Set(f.defects.map((d) => d.id)).size, f.id).toBe(f.defects.length);
      expect(f.defects.length, f.id).toBeGreaterThanOrEqual(5);
    }
  });

  it.each(GOLDEN_FIXTURES.map((f) => [f.id, f] as const))(
    '%s: the approved version passes every validator',
    (_id, f) => {
      const results = runValidators(f.input, f.approved);
      expect(results.map((r) => r.id)).toEqual([...VALIDATOR_IDS]);
      expect(results.flatMap((r) => r.issues.map((i) => `${r.id} ${i.path}: ${i.message}`))).toEqual([]);
    },
  );

  it.each(
    GOLDEN_FIXTURES.flatMap((f) =>
      f.defects.filter((d) => d.caughtBy !== null).map((d) => [f.id, d.id, f, d] as const),
    ),
  )('%s: the seeded defect %s is caught by its validator on its own', (_f, _d, fixture, defect) => {
    const results = runValidators(fixture.input, recordedDrafts(fixture, [defect]));
    const own = results.find((r) => r.id === defect.caughtBy);
    expect(own?.passed).toBe(false);
    expect(own?.issues.length).toBeGreaterThan(0);
  });

  it('every validator catches at least one seeded defect, and a defect put back changes the drafts', () => {
    const caught = new Set(GOLDEN_FIXTURES.flatMap((f) => f.defects.map((d) => d.caughtBy)));
    for (const v of VALIDATORS) expect(caught, v.id).toContain(v.id);
    for (const f of GOLDEN_FIXTURES) {
      for (const d of f.defects) {
        expect(JSON.stringify(recordedDrafts(f, [d])), `${f.id}/${d.id}`).not.toBe(
          JSON.stringify(f.approved),
        );
      }
    }
  });

  it('reports a lower pass rate for the recorded drafts than for the approved versions', () => {
    for (const f of GOLDEN_FIXTURES) {
      const r = fixtureReport(f);
      expect(r.approved).toMatchObject({
        passed: VALIDATOR_IDS.length,
        total: VALIDATOR_IDS.length,
        rate: 1,
      });
      expect(r.recorded.rate).toBeLessThan(1);
      expect(r.missed).toEqual([]);
      expect(r.caught).toBe(r.checkable);
    }
  });

  it('a validator that throws reports the error instead of passing', () => {
    const f = GOLDEN_FIXTURES[0];
    if (!f) throw new Error('no fixture');
    const broken = recordedDrafts(f, []);
    (broken as { assets: unknown }).assets = null;
    const format = runValidators(f.input, broken).find((r) => r.id === 'format');
    expect(format?.passed).toBe(false);
    expect(format?.issues[0]?.path).toBe('(validator)');
  });
});

describe('validator helpers', () => {
  it('reads prices in English and German notation with their currency', () => {
    expect(moneyMentions('Subscribe for $33.60 every 8 weeks instead of $42.')).toEqual([
      { raw: '$33.60', amount: 33.6, currency: 'USD' },
      { raw: '$42', amount: 42, currency: 'USD' },
    ]);
    expect(moneyMentions('Für 179 € inkl. MwSt., sonst 1.234,50 EUR')).toEqual([
      { raw: '179 €', amount: 179, currency: 'EUR' },
      { raw: '1.234,50 EUR', amount: 1234.5, currency: 'EUR' },
    ]);
    expect(moneyMentions('Loans from $2,000 to $40,000. APR 8.99%-29.99%.').map((m) => m.amount)).toEqual([
      2000, 40000,
    ]);
    expect(moneyMentions('5% niacinamide, 30 ml, 20,000 mm water column')).toEqual([]);
    expect(parseAmount('1,234.50')).toBe(1234.5);
  });

  it('tells English from German copy, and says nothing about a line too short to tell', () => {
    expect(
      guessLanguage('The PFC-free jacket with a water column and a hood that fits over your helmet.'),
    ).toBe('en');
    expect(
      guessLanguage('Die PFC-freie Jacke mit einer Kapuze, die auch über den Helm passt und dicht ist.'),
    ).toBe('de');
    expect(guessLanguage('Fjord Regenjacke')).toBeNull();
  });
});
