import { describe, expect, it } from 'vitest';
import { labelOf } from '@/components/artifacts/readable-document';
import { markdownBlocks } from '@/components/artifacts/research-step-view';
import { channelLabel, countryName, enumLabel, formatLabel, metricLabel } from './labels';

describe('labels for ids and enum values', () => {
  it('names channels, formats, metrics and statuses the way a strategist writes them', () => {
    expect(['tiktok', 'google_search', 'meta', 'snap_ads'].map(channelLabel)).toEqual([
      'TikTok',
      'Google Search',
      'Meta',
      'Snap ads',
    ]);
    expect(['static_1080x1350', 'video_9x16_30s', 'search_rsa', 'video_30s'].map(formatLabel)).toEqual([
      'Static 1080×1350',
      'Video 9:16 · 30s',
      'Responsive search ad',
      'Video 30s',
    ]);
    expect(['cac', 'subscription_rate', 'roas'].map(metricLabel)).toEqual([
      'CAC',
      'Subscription rate',
      'ROAS',
    ]);
    expect(['qa_passed', 'needs_substantiation'].map(enumLabel)).toEqual([
      'QA passed',
      'Needs substantiation',
    ]);
    expect(countryName('DE')).toBe('Germany');
  });

  it('document keys read as headings, with acronyms kept', () => {
    expect(['primaryKpis', 'icps', 'proofIds', 'dont', 'sourceUrl', 'toneOfVoice'].map(labelOf)).toEqual([
      'Primary KPIs',
      'ICPs',
      'Proof IDs',
      "Don't",
      'Source URL',
      'Tone of voice',
    ]);
  });

  it('model-written markdown splits into a heading, a list and a table under it', () => {
    const blocks = markdownBlocks(
      '## Competitors\n- CeraVe\n- Byoma\n\n| Brand | Price |\n|---|---|\n| CeraVe | $18 |\nAfter the table.',
    );
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Competitors' },
      { kind: 'list', ordered: false, items: ['CeraVe', 'Byoma'] },
      {
        kind: 'table',
        rows: [
          ['Brand', 'Price'],
          ['CeraVe', '$18'],
        ],
      },
      { kind: 'paragraph', text: 'After the table.' },
    ]);
  });
});
