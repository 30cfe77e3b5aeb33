import { upgradeArtifactData } from '@mos/db/artifacts';
import {
  v1ClientCanonExample,
  v1ResearchStepExample,
  v1StrategySheetExample,
} from '@mos/db/testing/v1-examples';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StrategySheetView } from '../campaigns/artifact-views';
import { ReadableDocument } from './readable-document';
import { ResearchStepView } from './research-step-view';

/** Documents MOS v1 stored (before issue 8), as the API serves them: upgraded to the current shape. */
const served = (type: string, data: unknown) =>
  upgradeArtifactData(type, structuredClone(data)) as Record<string, unknown>;

describe('documents stored by MOS v1 are shown', () => {
  it('a v1 canon shows its voice-of-customer quotes and makes no "not searched" claim', () => {
    render(<ReadableDocument data={served('client_canon', v1ClientCanonExample)} />);
    for (const quote of v1ClientCanonExample.voiceOfCustomer.quotes)
      expect(screen.getByText(quote)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(v1ClientCanonExample.brand.story)).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('From model knowledge, not searched')).toBeNull();
    // v1 quotes carried no source: said once under the table, not as columns of dashes or "null".
    expect(screen.getByText('Not recorded: Source URL, Evidence ref.')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText(/\bnull\b/)).toBeNull();
  });

  it('a v1 research step lists its sources as model-stated evidence, not search results', () => {
    render(<ResearchStepView data={served('research_step', v1ResearchStepExample)} />);
    const table = screen.getByRole('region', { name: 'Evidence (scrolls sideways)' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(v1ResearchStepExample.sources.length);
    for (const row of rows) {
      expect(within(row).getByText('Model-stated, not verified')).toBeInstanceOf(HTMLElement);
      expect(within(row).queryByText('Search result')).toBeNull();
    }
    expect(screen.getByText(v1ResearchStepExample.summary)).toBeInstanceOf(HTMLElement);
  });

  it('a v1 strategy sheet shows its plan without inventing a budget', () => {
    render(<StrategySheetView data={served('strategy_sheet', v1StrategySheetExample)} />);
    expect(screen.getByText(v1StrategySheetExample.hypothesis)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(v1StrategySheetExample.risks[0] ?? '')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('Total budget')).toBeNull();
  });
});
