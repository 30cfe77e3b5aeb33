/*
 * Text helpers of the deterministic policy rules: Unicode word boundaries, folding of curly quotes and dashes
 * (same length, so match offsets stay valid), sentence splitting and the number and unit vocabulary shared by
 * several rules (English and German).
 */

/** Before a word: not preceded by a letter or digit. */
export const B = '(?<![\\p{L}\\p{N}])';
/** After a word: not followed by a letter or digit. */
export const E = '(?![\\p{L}\\p{N}])';
/** Between words: spaces, hyphens or slashes. */
export const S = '[\\s\\-/]+';
/** Between words or none: "7kg", "7 kg", "7-kg". */
export const S0 = '[\\s\\-/]*';

/** Curly quotes, dashes and non-breaking spaces folded to ASCII, character for character. */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2007\u202F]/g, ' ');
}

/** A case-insensitive, Unicode, global pattern. */
export const rx = (source: string) => new RegExp(source, 'giu');

/** Alternatives as a non-capturing group. */
export const alt = (...parts: readonly string[]) => `(?:${parts.join('|')})`;

/** A span of the text: sentences are split on end punctuation and line breaks; offsets are into the text. */
export interface Span {
  text: string;
  start: number;
}

export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^.!?\n]+(?:[.!?]+|$)|[.!?]+/g;
  for (const m of text.matchAll(re)) {
    // Keep "No. 1", "Nr. 1", "vs." and decimals together: merge with the next piece when the dot is not a sentence end.
    const prev = out.at(-1);
    if (prev && /(?:\b(?:no|nr|vs|ca|bzw|z\.b|u\.a|dr|st|mr|mrs|ms)\.|\d\.)\s*$/i.test(prev.text)) {
      prev.text += m[0];
      continue;
    }
    if (m[0].trim()) out.push({ text: m[0], start: m.index });
  }
  return out;
}

/** Numbers as digits (with decimals and ranges) or words, English and German. */
export const NUM_WORD = alt(
  'an?',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'eighteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'ninety',
  'a few',
  'a couple(?: of)?',
  'ein(?:e[mnrs]?)?',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
  'vierzehn',
  'fünfzehn',
  'zwanzig',
  'drei(?:ß|ss)ig',
  'vierzig',
  'fünfzig',
  'wenige[nr]?',
);
export const NUM = `(?:\\d+(?:[.,]\\d+)?(?:\\s?(?:-|to|bis)\\s?\\d+(?:[.,]\\d+)?)?\\+?|${B}${NUM_WORD}${E})`;

/** Units of body mass and size (the weight-loss rules). */
export const MASS = alt(
  'lbs?\\.?',
  'pounds?',
  'kgs?',
  'kilos?',
  'kilograms?',
  'kilogramm',
  'pfund',
  'stones?',
);
export const SIZE = alt(
  '(?:dress|jean|pant|pants|clothing|waist)\\s?sizes?',
  'sizes?',
  'inch(?:es)?',
  'cm',
  'zentimeter',
  'kleidergr(?:ö|oe|ö)(?:ß|ss)en?',
  'konfektionsgr(?:ö|oe)(?:ß|ss)en?',
  'gr(?:ö|oe)(?:ß|ss)en?',
);
/** Units of time (English and German, singular, plural and German dative). */
export const TIME = alt(
  'days?',
  'weeks?',
  'months?',
  'nights?',
  'hours?',
  'tage?n?',
  'wochen?',
  'monaten?',
  'monate',
  'n(?:ä|ae)chten?',
  'nacht',
  'stunden?',
);

/** Money amounts: $5,000, 5.000 €, €10k, 10k EUR, 3,000 dollars, 500 Euro. */
export const MONEY = alt(
  '(?:US|CA|AU)?[$€£]\\s?\\d[\\d.,]*\\s?(?:k|K|m|M|mio\\.?|million|tausend)?',
  `${B}(?:chf|eur|usd|gbp)\\s?\\d[\\d.,]*\\s?(?:k|K|m|M|mio\\.?|million|tausend)?`,
  `\\d[\\d.,]*\\s?(?:k|K|m|M|mio\\.?|million|tausend)?\\s?(?:[$€£]|eur${E}|usd${E}|gbp${E}|chf${E}|sfr\\.?|fr\\.${E}|cad${E}|aud${E}|euros?${E}|dollars?${E}|bucks${E}|pounds${E}|franken${E})`,
);
/** "per month", "a week", "/day", "im Monat", "pro Jahr", "monthly". */
export const PERIOD = alt(
  `(?:per|a|an|each|every|/|pro|im|am|in the|in der|in einer|die|jede[nr]?)\\s?(?:day|week|month|year|hour|mo|yr|wk|tag|woche|monat|jahr|stunde)${E}`,
  `(?:daily|weekly|monthly|yearly|annually|t(?:ä|ae)glich|w(?:ö|oe)chentlich|monatlich|j(?:ä|ae)hrlich)${E}`,
);

/** Lowercased words of a text (letters and digits), for overlap tests. */
export function words(text: string): string[] {
  return fold(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}%#]+/u)
    .filter((w) => w.length > 0);
}
