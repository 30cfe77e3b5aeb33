import { b2bLeadgen } from './fixtures/b2b-leadgen';
import { financeCredit } from './fixtures/finance-credit';
import { skincare } from './fixtures/skincare';
import { supplement } from './fixtures/supplement';
import { usDeBrand } from './fixtures/us-de-brand';
import type { GoldenFixture } from './types';

/** The golden client fixtures, in report order. */
export const GOLDEN_FIXTURES: readonly GoldenFixture[] = [
  skincare,
  supplement,
  b2bLeadgen,
  financeCredit,
  usDeBrand,
];
