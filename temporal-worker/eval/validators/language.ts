/**
 * A rough language guess for ad copy (English or German) from function words: enough to catch copy written in
 * the wrong language for its market, not a language detector. Null when the text is too short to tell.
 */
const WORDS: Record<'en' | 'de', ReadonlySet<string>> = {
  en: new Set(
    'the and you your with for that this is are to of in on it our we not no from what how get can will'.split(
      ' ',
    ),
  ),
  de: new Set(
    'der die das und du dein deine mit für ist sind zu von im auf es wir nicht kein keine was wie ein eine unsere sie ihr'.split(
      ' ',
    ),
  ),
};

export function guessLanguage(text: string): 'en' | 'de' | null {
  const words = text.toLowerCase().match(/[a-zäöüß]+/g) ?? [];
  if (words.length < 8) return null;
  const count = (lang: 'en' | 'de') => words.filter((w) => WORDS[lang].has(w)).length;
  const en = count('en');
  const de = count('de');
  if (en + de < 3) return null;
  if (de >= en * 2) return 'de';
  if (en >= de * 2) return 'en';
  return null;
}
