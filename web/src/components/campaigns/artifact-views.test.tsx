import { artifactExamples, toStoredAsset } from '@mos/db/artifacts';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BriefsView, ExperimentSpecView, StrategySheetView } from './artifact-views';
import { AssetCopy } from './asset-copy';

describe('campaign artifact views', () => {
  it('the strategy sheet shows budget and targets in its currency, audiences, phases and assumptions', () => {
    const sheet = artifactExamples.strategy_sheet;
    render(<StrategySheetView data={sheet} />);
    expect(screen.getByText('20,000 USD')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('32 USD')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('1.6×')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(sheet.audiences[1]?.rationale ?? '')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Days 15–30 · 12,000 USD')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(`Move on when: ${sheet.phases[0]?.exitCriteria}`)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(sheet.assumptions[1] ?? '')).toBeInstanceOf(HTMLElement);
  });

  it('an experiment shows what it tests, its control, its constants and each arm’s guardrails', () => {
    const spec = artifactExamples.experiment_spec.experimentSpecs[1];
    render(<ExperimentSpecView spec={spec as unknown as Record<string, unknown>} />);
    expect(screen.getByText('Offer')).toBeInstanceOf(HTMLElement);
    const control = screen.getByText('Control').closest('div') as HTMLElement;
    expect(within(control).getByText('State the renewal interval and how to cancel')).toBeInstanceOf(
      HTMLElement,
    );
    expect(screen.getByText(spec?.constants[0] ?? '')).toBeInstanceOf(HTMLElement);
  });

  it('an experiment shows the metric it is decided on, its guardrails, and the plan code computed', () => {
    const spec = artifactExamples.experiment_spec.experimentSpecs[0];
    const plan = {
      samplePerArm: 12_400,
      arms: ['barrier-story', 'ingredient-proof'],
      expectedDays: 9,
      baseline: { metric: 'cpa', value: 31.5 },
      traffic: { source: 'snapshots', unitsPerDay: 2800, from: '2026-11-01', to: '2026-11-28' },
      power: 0.8,
      stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm: 12_400 },
      prior: null,
    };
    const { unmount } = render(
      <ExperimentSpecView spec={{ ...spec, plan } as unknown as Record<string, unknown>} />,
    );
    expect(screen.getByText('Cost per acquisition (CAC)')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Conversion rate no worse than −10 %')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('12,400 (× 2 arms)')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('9 days')).toBeInstanceOf(HTMLElement);
    unmount();
    // No plan: the reviewer reads why.
    render(
      <ExperimentSpecView
        spec={
          { ...spec, planIssue: 'No baseline for cpa: set the campaign baseline' } as unknown as Record<
            string,
            unknown
          >
        }
      />,
    );
    expect(screen.getByText('No baseline for cpa: set the campaign baseline')).toBeInstanceOf(HTMLElement);
  });

  it('a brief shows the test, market and prices, and its guardrails next to the canon constraints', () => {
    render(<BriefsView data={artifactExamples.asset_brief} />);
    const [control, other] = screen.getAllByRole('article');
    expect(within(control as HTMLElement).getByText('Control')).toBeInstanceOf(HTMLElement);
    expect(within(other as HTMLElement).queryByText('Control')).toBeNull();
    expect(within(control as HTMLElement).getByText('US · en · USD')).toBeInstanceOf(HTMLElement);
    expect(
      within(control as HTMLElement).getByText('One-off (US) 38 USD; Subscribe & save (US) 30.40 USD'),
    ).toBeInstanceOf(HTMLElement);
    expect(
      within(control as HTMLElement).getByText('No before/after unless unretouched and dated'),
    ).toBeInstanceOf(HTMLElement);
    expect(within(other as HTMLElement).getByText('Every percentage must match the label')).toBeInstanceOf(
      HTMLElement,
    );
    expect(
      within(other as HTMLElement).getByText(
        artifactExamples.asset_brief.assetBriefs[1]?.constraints[0] ?? '',
      ),
    ).toBeInstanceOf(HTMLElement);
  });

  it('a search ad shows its headlines and descriptions against their limits; a video its scenes', () => {
    const search = toStoredAsset({
      angle: 'Ingredients',
      hook: 'Every percentage on the label',
      headline: null,
      primaryText: null,
      headlines: ['Every Percentage on the Label', 'A headline that is far too long'],
      descriptions: ['Five percent niacinamide.', 'Try it for 60 days.'],
      scenes: null,
      cta: 'shop_now',
      aspectRatio: null,
      imagePrompt: null,
    });
    const { unmount } = render(<AssetCopy content={search} />);
    expect(screen.getByText('29/30')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('31/30').className).toContain('text-destructive');
    expect(screen.getByText('CTA: Shop now')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('Headline')).toBeNull();
    unmount();

    const video = toStoredAsset({
      angle: 'Story',
      hook: 'If your skin stings',
      headline: 'Calm skin',
      primaryText: 'If your skin stings, read this.',
      headlines: null,
      descriptions: null,
      scenes: [
        { start: 0, end: 3, visual: 'Close-up', onScreenText: 'If your skin stings', voiceover: null },
        { start: 3, end: 15, visual: 'Routine', onScreenText: null, voiceover: 'Three steps.' },
      ],
      cta: 'learn_more',
      aspectRatio: '9:16',
      imagePrompt: null,
    });
    render(<AssetCopy content={video} />);
    // One timeline row per scene: time, visual, on-screen text, voiceover.
    const rows = within(screen.getByRole('region', { name: 'Scenes (scrolls sideways)' })).getAllByRole(
      'row',
    );
    expect(
      rows.slice(1).map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['0–3s', 'Close-up', 'If your skin stings', '—'],
      ['3–15s', 'Routine', '—', 'Three steps.'],
    ]);
    expect(screen.getByText('Aspect 9:16')).toBeInstanceOf(HTMLElement);
  });
});
