/**
 * Generated ad creative (`assets.content` of a generated asset) and the platform rules it must meet: per format,
 * the fields a platform shows and their limits (Meta headline and primary-text truncation, Google responsive
 * search ads, video scenes within the duration, call to action, aspect ratio). The model is sent a schema for the
 * requirement's format (`generatedAssetSetOutput`); `checkAssetFormat` checks what JSON Schema cannot say and is
 * fed back to the model like a schema error. zod only (client-safe), like the rest of `artifacts/`.
 */
import * as z from 'zod';
import { list, longText, shortText } from './common';
import { defineRule } from './rules';

export const ASPECT_RATIOS = ['1:1', '4:5', '9:16', '16:9', '1.91:1'] as const;
export const AspectRatio = z.enum(ASPECT_RATIOS);
export type AspectRatio = z.infer<typeof AspectRatio>;

/** Call-to-action buttons the ad platforms share (Meta, TikTok, Google and YouTube name them alike). */
export const CTA_TYPES = [
  'shop_now',
  'learn_more',
  'sign_up',
  'get_offer',
  'subscribe',
  'order_now',
  'book_now',
  'get_quote',
  'apply_now',
  'contact_us',
  'download',
  'watch_more',
] as const;
export const CtaType = z.enum(CTA_TYPES).describe('The call-to-action button of the ad.');
export type CtaType = z.infer<typeof CtaType>;

export const FORMAT_KINDS = ['video', 'image', 'search_rsa', 'email', 'text'] as const;
export type FormatKind = (typeof FORMAT_KINDS)[number];
export type AdPlatform = 'meta' | 'tiktok' | 'google' | 'youtube' | 'email' | 'other';

/** What a requirement's (channel, format) asks of an asset. */
export interface FormatSpec {
  kind: FormatKind;
  platform: AdPlatform;
  /** Longest headline the placement shows without truncating; null for search ads (they have `headlines`). */
  headlineMax: number | null;
  /** The hook must sit inside the first N characters of the primary text (Meta's "… See more" cut). */
  hookWithin: number | null;
  /** Seconds a video may last; null for other kinds. */
  durationSeconds: number | null;
  /** Aspect ratios the placement accepts; empty when the format carries no image or video. */
  aspectRatios: AspectRatio[];
}

export const RSA_LIMITS = {
  headlines: [3, 15],
  headlineMax: 30,
  descriptions: [2, 4],
  descriptionMax: 90,
} as const;
export const META_HEADLINE_MAX = 40;
export const META_HOOK_WITHIN = 125;

const PLATFORM_BY_CHANNEL: Readonly<Record<string, AdPlatform>> = {
  meta: 'meta',
  facebook: 'meta',
  instagram: 'meta',
  paid_social: 'meta',
  tiktok: 'tiktok',
  google: 'google',
  google_search: 'google',
  google_ads: 'google',
  search: 'google',
  google_display: 'google',
  youtube: 'youtube',
  email: 'email',
};

function ratioOf(width: number, height: number): AspectRatio {
  const r = width / height;
  const all = ASPECT_RATIOS.map((a) => {
    const [w, h] = a.split(':').map(Number);
    return { a, d: Math.abs(r - (w ?? 1) / (h ?? 1)) };
  });
  return all.sort((x, y) => x.d - y.d)[0]?.a ?? '1:1';
}

/** The format spec of a requirement, from its channel id and format id (e.g. `meta` + `video_15s`). */
export function formatSpecOf(requirement: { channel: string; format: string }): FormatSpec {
  const channel = requirement.channel.toLowerCase();
  const format = requirement.format.toLowerCase();
  const platform =
    PLATFORM_BY_CHANNEL[channel] ??
    (/google|search/.test(channel) ? 'google' : /meta|facebook|instagram/.test(channel) ? 'meta' : 'other');
  const kind: FormatKind = /rsa|search/.test(format)
    ? 'search_rsa'
    : /video|reel|ugc|story|stories|short/.test(format)
      ? 'video'
      : /email|newsletter/.test(format)
        ? 'email'
        : /static|image|carousel|banner|display|photo|\d+x\d+/.test(format)
          ? 'image'
          : platform === 'google'
            ? 'search_rsa'
            : platform === 'email'
              ? 'email'
              : 'text';
  const size = /(\d{2,5})x(\d{2,5})/.exec(format);
  const vertical = /story|stories|reel|short|9x16|vertical/.test(format);
  let aspectRatios: AspectRatio[] = [];
  if (kind === 'video' || kind === 'image') {
    if (size?.[1] && size[2]) aspectRatios = [ratioOf(Number(size[1]), Number(size[2]))];
    else if (vertical || platform === 'tiktok') aspectRatios = ['9:16'];
    else if (platform === 'meta') aspectRatios = ['1:1', '4:5', '9:16'];
    else if (platform === 'youtube') aspectRatios = ['16:9', '9:16'];
    else if (platform === 'google') aspectRatios = ['1.91:1', '1:1'];
    else aspectRatios = [...ASPECT_RATIOS];
  }
  const seconds = /(\d{1,3})\s*s(?:ec)?\b/.exec(format.replace(/_/g, ' '));
  return {
    kind,
    platform,
    headlineMax:
      kind === 'search_rsa'
        ? null
        : platform === 'meta'
          ? META_HEADLINE_MAX
          : platform === 'email'
            ? 80
            : platform === 'tiktok' || platform === 'youtube'
              ? 100
              : 200,
    hookWithin: platform === 'meta' && kind !== 'search_rsa' ? META_HOOK_WITHIN : null,
    durationSeconds: kind === 'video' ? Math.min(Number(seconds?.[1] ?? 60) || 60, 600) : null,
    aspectRatios,
  };
}

/** One shot of a video script. */
export const Scene = z.strictObject({
  start: z.number().min(0).max(600).describe('Second the scene starts (the first scene starts at 0).'),
  end: z.number().min(0).max(600).describe('Second the scene ends (the next scene starts here).'),
  visual: shortText(500).describe('What is on screen: who, what happens, framing.'),
  onScreenText: shortText(200).nullable(),
  voiceover: longText(1000).nullable(),
});
export type Scene = z.infer<typeof Scene>;

/**
 * A generated asset as stored (`assets.content` without its provenance): the format's own fields, the others
 * null, plus the flat copy (`headline`, `primaryText`, `script`) every reader of copy (QA, gallery) sees; for a
 * search ad the flat copy joins its headlines and descriptions, for a video `script` is its scenes as text.
 */
export const GeneratedAsset = z.strictObject({
  angle: shortText(300),
  hook: shortText(300),
  headline: shortText(600).nullable(),
  primaryText: longText(2000).nullable(),
  headlines: list(
    shortText(RSA_LIMITS.headlineMax),
    RSA_LIMITS.headlines[1],
    RSA_LIMITS.headlines[0],
  ).nullable(),
  descriptions: list(
    shortText(RSA_LIMITS.descriptionMax),
    RSA_LIMITS.descriptions[1],
    RSA_LIMITS.descriptions[0],
  ).nullable(),
  scenes: list(Scene, 30, 1).nullable(),
  script: longText(8000).nullable(),
  cta: CtaType.nullable(),
  aspectRatio: AspectRatio.nullable(),
  imagePrompt: longText(2000).nullable(),
});
export type GeneratedAsset = z.infer<typeof GeneratedAsset>;

// ------------------------------------------------------------------------------------------- rules

const PROMPTS = ['build/generate_assets'] as const;
export const metaHeadlineRule = defineRule({
  id: 'asset.meta-headline',
  statement: 'On Meta, the headline is at most 40 characters.',
  prompts: PROMPTS,
});
export const metaHookRule = defineRule({
  id: 'asset.meta-hook-first-125',
  statement:
    'On Meta, the primary text opens with the hook: the hook appears word for word within its first 125 characters.',
  prompts: PROMPTS,
});
export const headlineLengthRule = defineRule({
  id: 'asset.headline-length',
  statement: 'The headline fits the limit given with the requirement.',
  prompts: PROMPTS,
});
export const rsaHeadlinesRule = defineRule({
  id: 'asset.rsa-headlines',
  statement: 'A Google responsive search ad has 3 to 15 distinct headlines of at most 30 characters each.',
  prompts: PROMPTS,
});
export const rsaDescriptionsRule = defineRule({
  id: 'asset.rsa-descriptions',
  statement: 'A Google responsive search ad has 2 to 4 descriptions of at most 90 characters each.',
  prompts: PROMPTS,
});
export const videoScenesRule = defineRule({
  id: 'asset.video-scenes',
  statement:
    "A video script is a list of scenes that starts at second 0 and runs in order without gaps or overlaps, ending within the format's duration.",
  prompts: PROMPTS,
});
export const ctaRule = defineRule({
  id: 'asset.cta',
  statement: 'Every ad names its call to action.',
  prompts: PROMPTS,
});
export const aspectRatioRule = defineRule({
  id: 'asset.aspect-ratio',
  statement: 'The aspect ratio is one the requirement accepts.',
  prompts: PROMPTS,
});
export const formatFieldsRule = defineRule({
  id: 'asset.format-fields',
  statement: "Fill only the fields of the requirement's format and set the others to null.",
  prompts: PROMPTS,
});

/** One broken format rule: where, what, and which rule (for feedback, tests and the evaluation harness). */
export interface FormatIssue {
  path: string;
  message: string;
  rule: string;
}

const norm = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** Where the hook ends inside the text (characters), or null when the text does not contain it word for word. */
export function hookEnd(text: string, hook: string): number | null {
  const t = norm(text);
  const h = norm(hook).replace(/[.!?…:]+$/, '');
  if (h === '') return null;
  const at = t.indexOf(h);
  return at < 0 ? null : at + h.length;
}

/**
 * Every platform rule `asset` breaks for `requirement`'s channel and format (empty when it runs as written):
 * a pure function, used by the generation step (fed back to the model) and by the evaluation harness.
 */
export function checkAssetFormat(
  asset: Omit<GeneratedAsset, 'script'> & { script?: string | null },
  requirement: { channel: string; format: string },
): FormatIssue[] {
  const spec = formatSpecOf(requirement);
  const issues: FormatIssue[] = [];
  const add = (path: string, rule: { id: string }, message: string) =>
    issues.push({ path, message, rule: rule.id });
  const where = `${requirement.channel} ${requirement.format}`;

  if (spec.kind === 'search_rsa') {
    const headlines = asset.headlines ?? [];
    const [minH, maxH] = RSA_LIMITS.headlines;
    if (headlines.length < minH || headlines.length > maxH)
      add(
        'headlines',
        rsaHeadlinesRule,
        `A responsive search ad needs ${minH}-${maxH} headlines, got ${headlines.length}`,
      );
    headlines.forEach((h, i) => {
      if (h.length > RSA_LIMITS.headlineMax)
        add(
          `headlines.${i}`,
          rsaHeadlinesRule,
          `"${h}" is ${h.length} characters, more than ${RSA_LIMITS.headlineMax}`,
        );
      if (headlines.findIndex((o) => norm(o) === norm(h)) < i)
        add(`headlines.${i}`, rsaHeadlinesRule, `"${h}" repeats an earlier headline`);
    });
    const descriptions = asset.descriptions ?? [];
    const [minD, maxD] = RSA_LIMITS.descriptions;
    if (descriptions.length < minD || descriptions.length > maxD)
      add(
        'descriptions',
        rsaDescriptionsRule,
        `A responsive search ad needs ${minD}-${maxD} descriptions, got ${descriptions.length}`,
      );
    descriptions.forEach((d, i) => {
      if (d.length > RSA_LIMITS.descriptionMax)
        add(
          `descriptions.${i}`,
          rsaDescriptionsRule,
          `Description ${i + 1} is ${d.length} characters, more than ${RSA_LIMITS.descriptionMax}`,
        );
    });
    if (asset.scenes !== null)
      add('scenes', formatFieldsRule, `A search ad has no scenes; set scenes to null`);
    if (asset.aspectRatio !== null)
      add('aspectRatio', formatFieldsRule, 'A search ad has no aspect ratio; set it to null');
  } else {
    if (asset.headlines !== null)
      add('headlines', formatFieldsRule, `Only search ads have a headlines list; ${where} uses headline`);
    if (asset.descriptions !== null)
      add('descriptions', formatFieldsRule, `Only search ads have descriptions; ${where} uses primaryText`);
    const headline = asset.headline ?? '';
    if (headline.trim() === '') add('headline', headlineLengthRule, `${where} needs a headline`);
    else if (spec.headlineMax !== null && headline.length > spec.headlineMax)
      add(
        'headline',
        spec.platform === 'meta' ? metaHeadlineRule : headlineLengthRule,
        `"${headline}" is ${headline.length} characters, more than ${spec.headlineMax} on ${where}`,
      );
    const text = asset.primaryText ?? '';
    if (text.trim() === '') add('primaryText', formatFieldsRule, `${where} needs primary text`);
    else if (spec.hookWithin !== null) {
      const end = hookEnd(text, asset.hook);
      if (end === null)
        add(
          'primaryText',
          metaHookRule,
          `The primary text does not contain the hook "${asset.hook}" word for word`,
        );
      else if (end > spec.hookWithin)
        add(
          'primaryText',
          metaHookRule,
          `The hook ends at character ${end}, after the first ${spec.hookWithin} Meta shows`,
        );
    }
  }

  if (spec.kind === 'video') {
    const scenes = asset.scenes ?? [];
    const duration = spec.durationSeconds ?? 60;
    if (scenes.length === 0) add('scenes', videoScenesRule, `A ${requirement.format} needs its scenes`);
    scenes.forEach((s, i) => {
      const previous = scenes[i - 1];
      if (i === 0 && s.start !== 0)
        add(`scenes.${i}.start`, videoScenesRule, `The first scene starts at ${s.start}s, not 0s`);
      if (previous && Math.abs(s.start - previous.end) > 0.05)
        add(
          `scenes.${i}.start`,
          videoScenesRule,
          `Starts at ${s.start}s but the previous scene ends at ${previous.end}s`,
        );
      if (s.end <= s.start)
        add(`scenes.${i}.end`, videoScenesRule, `Ends at ${s.end}s, not after its start ${s.start}s`);
      if (s.end > duration + 0.05)
        add(`scenes.${i}.end`, videoScenesRule, `Ends at ${s.end}s, after the ${duration}s the format lasts`);
    });
  } else if (asset.scenes !== null && spec.kind !== 'search_rsa') {
    add('scenes', formatFieldsRule, `${where} is not a video; set scenes to null`);
  }

  if (asset.cta === null) add('cta', ctaRule, `${where} needs a call to action`);
  if (spec.aspectRatios.length > 0) {
    if (asset.aspectRatio === null || !spec.aspectRatios.includes(asset.aspectRatio))
      add(
        'aspectRatio',
        aspectRatioRule,
        `${asset.aspectRatio ?? 'No aspect ratio'} is not accepted for ${where} (use ${spec.aspectRatios.join(' or ')})`,
      );
  } else if (asset.aspectRatio !== null && spec.kind !== 'search_rsa') {
    add('aspectRatio', formatFieldsRule, `${where} carries no image or video; set aspectRatio to null`);
  }
  if (spec.kind !== 'image' && spec.kind !== 'video' && asset.imagePrompt !== null)
    add('imagePrompt', formatFieldsRule, `${where} carries no image; set imagePrompt to null`);
  if (spec.kind === 'image' && (asset.imagePrompt ?? '').trim() === '')
    add('imagePrompt', formatFieldsRule, `${where} needs an image prompt`);
  return issues;
}

/** A video's scenes as the text copy readers see ("0-3s | visual | on-screen: … | VO: …"). */
export function scriptText(scenes: readonly Scene[]): string {
  return scenes
    .map((s) =>
      [
        `${s.start}-${s.end}s`,
        s.visual,
        s.onScreenText ? `On-screen: ${s.onScreenText}` : null,
        s.voiceover ? `VO: ${s.voiceover}` : null,
      ]
        .filter((x): x is string => x !== null)
        .join(' | '),
    )
    .join('\n');
}

/** A one-line string of at most `max` characters whose length error names the rule (fed back to the model). */
const limited = (max: number, rule: { statement: string }) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max, {
      error: (issue) => `${String(issue.input).length} characters, more than ${max}. Rule: ${rule.statement}`,
    });

/** A list of `min`..`max` items whose count error names the rule. */
const limitedList = <T extends z.ZodType>(
  item: T,
  [min, max]: readonly [number, number],
  rule: { statement: string },
) =>
  z
    .array(item)
    .min(min, { error: `At least ${min} items. Rule: ${rule.statement}` })
    .max(max, { error: `At most ${max} items. Rule: ${rule.statement}` });

/** What the model writes for one asset of `spec`'s format: its fields required, every other field null. */
export function generatedAssetOutput(spec: FormatSpec) {
  const rsa = spec.kind === 'search_rsa';
  const video = spec.kind === 'video';
  const image = spec.kind === 'image';
  const visual = video || image;
  return z.strictObject({
    angle: shortText(300).describe("The brief's angle, sharpened in a few words."),
    hook: shortText(spec.hookWithin ?? 300).describe(
      spec.hookWithin === null
        ? 'The first line of copy or the first 3 seconds of video.'
        : `The first line of copy; it opens the primary text, within its first ${spec.hookWithin} characters.`,
    ),
    headline: rsa
      ? z.null()
      : limited(
          spec.headlineMax ?? 200,
          spec.platform === 'meta' ? metaHeadlineRule : headlineLengthRule,
        ).describe(
          spec.platform === 'email'
            ? `The email subject line, at most ${spec.headlineMax} characters.`
            : `The ad headline, at most ${spec.headlineMax} characters.`,
        ),
    primaryText: rsa
      ? z.null()
      : longText(2000).describe(
          spec.hookWithin === null
            ? 'The body copy.'
            : `The body copy; it contains the hook word for word within its first ${spec.hookWithin} characters.`,
        ),
    headlines: rsa
      ? limitedList(
          limited(RSA_LIMITS.headlineMax, rsaHeadlinesRule),
          RSA_LIMITS.headlines,
          rsaHeadlinesRule,
        ).describe('3 to 15 distinct headlines of at most 30 characters each.')
      : z.null(),
    descriptions: rsa
      ? limitedList(
          limited(RSA_LIMITS.descriptionMax, rsaDescriptionsRule),
          RSA_LIMITS.descriptions,
          rsaDescriptionsRule,
        ).describe('2 to 4 descriptions of at most 90 characters each.')
      : z.null(),
    scenes: video
      ? list(Scene, 30, 1).describe(
          `Scenes from second 0, in order, each starting where the previous one ends, the last ending by second ${spec.durationSeconds}.`,
        )
      : z.null(),
    cta: CtaType,
    aspectRatio: visual ? z.enum(spec.aspectRatios as [AspectRatio, ...AspectRatio[]]) : z.null(),
    imagePrompt: image
      ? longText(2000).describe(
          'A production-ready image prompt: subject, framing, light, palette, text overlay.',
        )
      : video
        ? longText(2000).nullable().describe('The thumbnail or first frame as an image prompt; null if none.')
        : z.null(),
  });
}
export type GeneratedAssetOutput = z.infer<ReturnType<typeof generatedAssetOutput>>;

/** The variants written for one requirement (one call per requirement; 1..3 variants). */
export function generatedAssetSetOutput(spec: FormatSpec) {
  return z.strictObject({ assets: list(generatedAssetOutput(spec), 3, 1) });
}

/** The stored asset of a model's answer: the flat copy derived from the format's fields. */
export function toStoredAsset(answer: GeneratedAssetOutput): GeneratedAsset {
  const headlines = answer.headlines ?? null;
  const descriptions = answer.descriptions ?? null;
  const scenes = answer.scenes ?? null;
  return {
    angle: answer.angle,
    hook: answer.hook,
    headline: answer.headline ?? (headlines ? headlines.join(' | ') : null),
    primaryText: answer.primaryText ?? (descriptions ? descriptions.join('\n') : null),
    headlines,
    descriptions,
    scenes,
    script: scenes ? scriptText(scenes) : null,
    cta: answer.cta,
    aspectRatio: answer.aspectRatio ?? null,
    imagePrompt: answer.imagePrompt ?? null,
  };
}
