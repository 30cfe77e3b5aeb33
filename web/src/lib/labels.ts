import { humanize } from './format';

/*
 * Words for the ids and enum values documents carry ("tiktok", "static_1080x1350", "needs_substantiation"), so a
 * strategist reads labels, not identifiers. Unknown values fall back to `humanize`, never to the raw id.
 */

const CHANNELS: Record<string, string> = {
  meta: 'Meta',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  google: 'Google',
  google_search: 'Google Search',
  google_ads: 'Google Ads',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
  email: 'Email',
  pinterest: 'Pinterest',
  snapchat: 'Snapchat',
};

/** "tiktok" → "TikTok", "google_search" → "Google Search". */
export function channelLabel(id: string): string {
  return CHANNELS[id.toLowerCase()] ?? humanize(id);
}

/** "static_1080x1350" → "Static 1080×1350", "video_9x16_30s" → "Video 9:16 · 30s", "search_rsa" → "Responsive search ad". */
export function formatLabel(id: string): string {
  if (/^(search_)?rsa$/i.test(id)) return 'Responsive search ad';
  const parts = id.split(/[_-]+/).filter(Boolean);
  const words = parts.map((p) => {
    if (/^\d+x\d+$/i.test(p)) {
      const [w = '', h = ''] = p.toLowerCase().split('x');
      // Small numbers are an aspect ratio ("9x16"), large ones a pixel size ("1080x1350").
      return Number(w) <= 32 && Number(h) <= 32 ? `${w}:${h}` : `${w}×${h}`;
    }
    return p;
  });
  const [first = '', ...rest] = words;
  const head = humanize(first);
  return rest.length === 0 ? head : `${head} ${rest.join(' · ')}`;
}

/** A document's own id ("reactive-millennial", "hook-barrier-vs-ingredients") read as words. */
export function idLabel(id: string): string {
  return humanize(id);
}

const METRIC_WORDS: Record<string, string> = {
  subscription_rate: 'Subscription rate',
  atc_rate: 'Add-to-cart rate',
};

/** Metric ids: acronyms upper-cased ("cac" → "CAC"), the rest as words ("subscription_rate" → "Subscription rate"). */
export function metricLabel(id: string): string {
  if (METRIC_WORDS[id]) return METRIC_WORDS[id];
  return /^[a-z]{2,4}$/.test(id) ? id.toUpperCase() : humanize(id);
}

const STATUS_WORDS: Record<string, string> = {
  qa_passed: 'QA passed',
  qa_failed: 'QA failed',
  qa_report: 'QA report',
};

/** A stored enum value ("needs_substantiation", "solution_aware", "qa_passed") as words. */
export function enumLabel(value: string): string {
  return STATUS_WORDS[value] ?? humanize(value);
}

/** Whether a string is an enum-like token ("solution_aware") rather than text a person wrote. */
export const isEnumToken = (s: string): boolean => /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(s);

const countryNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return null;
  }
})();

/** "DE" → "Germany"; a code the runtime does not know stays the code. */
export function countryName(code: string): string {
  try {
    return countryNames?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const WORKFLOW_KIND_WORDS: Record<string, string> = {
  client_onboarding: 'Client onboarding',
  client_research: 'Client research',
  campaign_planning: 'Campaign planning',
  experiment_design: 'Experiment design',
  creative_production: 'Creative production',
  experiment_cycle: 'Experiment cycle',
  playbook_update: 'Playbook update',
  test_campaign: 'Test campaign',
  funnel_publish: 'Funnel publish',
  funnel_page_draft: 'AI page draft',
  lead_delivery: 'Lead delivery',
  event_forwarding: 'Conversion forwarding',
  swipe_media_import: 'Swipe media import',
  experiment_plan_change: 'Experiment plan change',
};

/** A workflow kind as the runs list and the funnel screens name it ("funnel_page_draft" → "AI page draft"). */
export function workflowKindLabel(kind: string): string {
  return WORKFLOW_KIND_WORDS[kind] ?? humanize(kind);
}

const FUNNEL_LABELS = {
  funnel: { draft: 'Draft', published: 'Published', disabled: 'Disabled', archived: 'Archived' },
  /** A page's state: its latest version is a draft, approved, or a draft saved after the last approval. */
  page: { draft: 'Draft', approved: 'Approved', changed: 'Changed since approval' },
  domain: { pending: 'Pending verification', verified: 'Verified', active: 'Active', disabled: 'Disabled' },
  delivery: { none: 'No webhook', pending: 'Delivering', delivered: 'Delivered', failed: 'Failed' },
  source: { human: 'Edited by hand', ai: 'AI draft', duplicate: 'Duplicated' },
} satisfies Record<string, Record<string, string>>;

/** Funnel, page, domain, lead-delivery and version-source values in words (`funnelLabel('domain', 'pending')`). */
export function funnelLabel(kind: keyof typeof FUNNEL_LABELS, value: string): string {
  return (FUNNEL_LABELS[kind] as Record<string, string>)[value] ?? humanize(value);
}
