/** Prices written in ad copy: `$49`, `49 €`, `€49,90`, `£12.50`, `USD 49`, `49 EUR` (amount in major units). */
export interface MoneyMention {
  raw: string;
  amount: number;
  /** ISO 4217 code; null when the copy names no currency. */
  currency: string | null;
}

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', CHF: 'CHF' };
const CODES = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD'];

const AMOUNT = String.raw`\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const PATTERN = new RegExp(
  String.raw`(?<pre>[$€£]|\b(?:${CODES.join('|')}|CHF)\s?)(?<a1>${AMOUNT})|(?<a2>${AMOUNT})\s?(?<post>[€£$]|\b(?:${CODES.join('|')})\b)`,
  'g',
);

/** Reads "1.234,50" (German) and "1,234.50" (English) alike: the last separator followed by 1-2 digits is decimal. */
export function parseAmount(raw: string): number {
  const s = raw.replace(/\s/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(s);
  const whole = (decimal ? s.slice(0, -decimal[0].length) : s).replace(/[.,]/g, '');
  return Number(`${whole}${decimal ? `.${decimal[1]}` : ''}`);
}

export function moneyMentions(text: string): MoneyMention[] {
  const out: MoneyMention[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const g = m.groups ?? {};
    const unit = (g.pre ?? g.post ?? '').trim();
    const amount = parseAmount(g.a1 ?? g.a2 ?? '');
    if (!Number.isFinite(amount)) continue;
    out.push({ raw: m[0].trim(), amount, currency: SYMBOLS[unit] ?? (CODES.includes(unit) ? unit : null) });
  }
  return out;
}
