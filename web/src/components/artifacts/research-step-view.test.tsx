import { artifactExamples } from '@mos/db/artifacts';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReadableDocument } from './readable-document';
import { ResearchStepView } from './research-step-view';

const step = () => structuredClone(artifactExamples.research_step);

function evidenceRow(id: string) {
  const table = screen.getByRole('region', { name: 'Evidence (scrolls sideways)' });
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByText(id) !== null);
  if (!row) throw new Error(`no evidence row ${id}`);
  return row;
}

describe('ResearchStepView', () => {
  it('shows each evidence record with its provenance and a stale flag from the stored data', () => {
    render(<ResearchStepView data={step()} />);
    const cited = evidenceRow('c1');
    expect(within(cited).getByText('Search result')).toBeInstanceOf(HTMLElement);
    expect(within(cited).queryByText('Stale')).toBeNull();
    const stated = evidenceRow('c4');
    expect(within(stated).getByText('Model-stated, not verified')).toBeInstanceOf(HTMLElement);
    expect(within(stated).getByText('Stale')).toBeInstanceOf(HTMLElement);
    // Step 01's structured parts are shown; no "not searched" mark on a searched step.
    expect(screen.getByText('Competitor traction')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Landing page map')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('From model knowledge, not searched')).toBeNull();
  });

  it('marks a step researched without web search and lists its quote bank with tags and sources', () => {
    const data = {
      ...step(),
      stepKey: '04',
      webSearchUsed: false,
      fromModelKnowledge: true,
      competitorTraction: null,
      landingPageMap: null,
      evidence: [
        {
          id: 'q1',
          kind: 'quote' as const,
          text: 'Everything stings, even water.',
          url: 'https://www.reddit.com/r/SkincareAddiction/',
          publishedAt: '2026-05',
          sourceType: 'customer',
          sourceName: 'Reddit',
          provenance: 'model_stated' as const,
          stale: false,
        },
      ],
      quoteBank: [
        { evidenceId: 'q1', quote: 'Everything stings, even water.', tags: ['pain', 'failed_solution'] },
      ],
    };
    render(<ResearchStepView data={data} />);
    expect(screen.getByText('From model knowledge, not searched')).toBeInstanceOf(HTMLElement);
    const bank = screen.getByRole('heading', { name: 'Quote bank' }).parentElement as HTMLElement;
    expect(within(bank).getByText('failed solution')).toBeInstanceOf(HTMLElement);
    expect(within(bank).getByText(/Reddit · evidence q1/)).toBeInstanceOf(HTMLElement);
  });
});

describe('ReadableDocument of a canon', () => {
  it('marks a canon built from unsearched research and shows each quote with its source', () => {
    const canon = structuredClone(artifactExamples.client_canon);
    const { rerender } = render(<ReadableDocument data={canon} />);
    expect(screen.queryByText('From model knowledge, not searched')).toBeNull();
    expect(screen.getByText('04:q1')).toBeInstanceOf(HTMLElement);
    if (canon.research) canon.research.fromModelKnowledge = true;
    rerender(<ReadableDocument data={canon} />);
    expect(screen.getByText('From model knowledge, not searched')).toBeInstanceOf(HTMLElement);
  });
});
