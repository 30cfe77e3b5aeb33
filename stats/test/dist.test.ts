import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalCdf, normalQuantile } from '../src/dist';

// Reference values from tables (R: pnorm, qnorm, pchisq(lower.tail = FALSE)).
describe('distributions', () => {
  it('normal cdf and quantile', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 8);
  });

  it('chi-square upper tail', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 9);
    expect(chiSquareSurvival(10.827566170662733, 1)).toBeCloseTo(0.001, 9);
    expect(chiSquareSurvival(16.918977604620448, 9)).toBeCloseTo(0.05, 9);
    expect(chiSquareSurvival(2, 4)).toBeCloseTo(0.7357588823428847, 10);
  });
});
