import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { type AdLink, AdLinksCard, assetLabel, headlineOf, type LinkableAsset } from './ad-links';
import { CsvUploadDialog } from './csv-upload';
import { CSV_TEXT, csvPreview } from './fixtures.test-utils';
import type { CsvPreview } from './types';

const assets: LinkableAsset[] = [
  { id: 'a1', label: 'Ingredient list you can read', variantId: 'control' },
  { id: 'a2', label: 'Proof, not promises', variantId: 'proof-hero' },
  { id: 'a3', label: 'Meta feed · Image', variantId: null },
];

const link = (externalAdId: string, over: Partial<AdLink> = {}): AdLink => ({
  assetId: 'a1',
  headline: 'Ingredient list you can read',
  channelId: 'meta_feed',
  format: 'image',
  variantId: 'control',
  experimentId: 'e1',
  platform: 'meta',
  externalAdId,
  createdAt: new Date(Date.now() - 3_600_000).toISOString(),
  ...over,
});

describe('asset labels', () => {
  it('names an asset by its headline as the gallery does, else by channel and format', () => {
    expect(headlineOf({ headline: ['One', 'Two', 3] })).toBe('One\nTwo');
    expect(headlineOf({ headline: '  ' })).toBeNull();
    expect(assetLabel({ headline: null, channelId: 'meta_feed', format: 'image' })).toBe(
      assetLabel({ headline: '', channelId: 'meta_feed', format: 'image' }),
    );
    expect(assetLabel({ headline: null, channelId: 'meta_feed', format: 'image' })).toMatch(/ · /);
    expect(assetLabel({ headline: 'Proof', channelId: 'meta_feed', format: 'image' })).toBe('Proof');
  });
});

describe('Ad links card', () => {
  it('lists the links with their asset and arm, unlinks one, and links a Meta ad id to a chosen asset', async () => {
    const user = userEvent.setup();
    const onLink = vi.fn().mockResolvedValue(undefined);
    const onUnlink = vi.fn().mockResolvedValue(undefined);
    const links = [link('120210001'), link('120210002', { assetId: 'a3', headline: null, variantId: null })];
    render(<AdLinksCard links={links} assets={assets} canEdit onLink={onLink} onUnlink={onUnlink} />);

    const table = screen.getByRole('table', { name: 'Ad links' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^120210001Ingredient list you can readControl/),
      expect.stringMatching(/^120210002Meta feed · Image—/),
    ]);

    await user.click(screen.getByRole('button', { name: 'Unlink ad 120210002' }));
    expect(onUnlink).toHaveBeenCalledWith(links[1]);

    const form = screen.getByRole('form', { name: 'Link a Meta ad' });
    const submit = within(form).getByRole('button', { name: /Link ad/ });
    await user.type(within(form).getByLabelText('Meta ad id'), '12a');
    expect(within(form).getByRole('alert').textContent).toMatch(/Digits only/);
    await user.selectOptions(within(form).getByLabelText('Asset'), 'a2');
    expect(submit).toHaveProperty('disabled', true);
    await user.clear(within(form).getByLabelText('Meta ad id'));
    await user.type(within(form).getByLabelText('Meta ad id'), ' 120210009 ');
    expect(submit).toHaveProperty('disabled', false);
    // The select names each asset's experiment arm.
    expect(within(form).getByRole('option', { name: 'Arm Proof hero · Proof, not promises' })).toBeInstanceOf(
      HTMLElement,
    );
    await user.click(submit);
    await waitFor(() => expect(onLink).toHaveBeenCalledWith('120210009', 'a2'));
    await waitFor(() =>
      expect((within(form).getByLabelText('Meta ad id') as HTMLInputElement).value).toBe(''),
    );
  });

  it('shows a failed link and offers no controls to members', async () => {
    const user = userEvent.setup();
    const onLink = vi.fn().mockRejectedValue(new Error('asset not found'));
    const { rerender } = render(
      <AdLinksCard links={[]} assets={assets} canEdit onLink={onLink} onUnlink={vi.fn()} />,
    );
    expect(screen.getByText(/No ad linked/)).toBeInstanceOf(HTMLElement);
    await user.type(screen.getByLabelText('Meta ad id'), '42');
    await user.selectOptions(screen.getByLabelText('Asset'), 'a1');
    await user.click(screen.getByRole('button', { name: /Link ad/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('asset not found');

    rerender(
      <AdLinksCard links={[link('1')]} assets={assets} canEdit={false} onLink={onLink} onUnlink={vi.fn()} />,
    );
    expect(screen.queryByRole('form', { name: 'Link a Meta ad' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Unlink/ })).toBeNull();
  });
});

describe('CSV preview: linking an unlinked ad id', () => {
  it('offers "Link to asset…" on the unlinked row only, links it and re-checks the rows with the same mapping', async () => {
    const user = userEvent.setup();
    const fixed: CsvPreview = {
      ...csvPreview,
      rows: csvPreview.rows.map((r) =>
        r.line === 7 ? { ...r, assetId: 'a2', armId: 'proof-hero', error: null } : r,
      ),
      errors: csvPreview.errors.filter((e) => e.line !== 7),
      validRows: csvPreview.validRows + 1,
    };
    let linked = false;
    const preview = vi.fn(async (): Promise<CsvPreview> => (linked ? fixed : csvPreview));
    const linkAd = vi.fn(async () => {
      linked = true;
    });
    render(
      <CsvUploadDialog
        open
        onOpenChange={() => {}}
        clientId="c1"
        preview={preview}
        importRows={vi.fn()}
        linkAd={{ assets, link: linkAd }}
      />,
    );
    await user.upload(
      screen.getByLabelText('CSV file'),
      new File([CSV_TEXT], 'meta-export.csv', { type: 'text/csv' }),
    );
    await screen.findByRole('table', { name: 'Parsed rows' });
    // Line 6's error (an empty cell) has nothing to link; line 7's ad id does.
    expect(screen.getAllByRole('button', { name: /Link to asset…/ })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: /^Link to asset…\s*for ad 120219999$/ }));
    const group = screen.getByRole('group', { name: 'Link ad 120219999' });
    expect(within(group).getByRole('button', { name: 'Link' })).toHaveProperty('disabled', true);
    await user.selectOptions(within(group).getByLabelText('Asset for ad 120219999'), 'a2');
    await user.click(within(group).getByRole('button', { name: 'Link' }));

    await waitFor(() => expect(linkAd).toHaveBeenCalledWith('120219999', 'a2'));
    await waitFor(() => expect(preview).toHaveBeenCalledTimes(2));
    expect(preview.mock.calls[1]).toEqual([expect.objectContaining({ mapping: csvPreview.mapping })]);
    await waitFor(() =>
      expect(document.querySelector('tr[data-line="7"]')?.getAttribute('aria-invalid')).toBeNull(),
    );
    expect(screen.queryByRole('group', { name: 'Link ad 120219999' })).toBeNull();
    expect(screen.getByText('4 valid')).toBeInstanceOf(HTMLElement);
  });

  it('keeps the control open with the error when linking fails', async () => {
    const user = userEvent.setup();
    const preview = vi.fn(async (): Promise<CsvPreview> => csvPreview);
    render(
      <CsvUploadDialog
        open
        onOpenChange={() => {}}
        clientId="c1"
        preview={preview}
        importRows={vi.fn()}
        linkAd={{ assets, link: vi.fn().mockRejectedValue(new Error('you need the operator role')) }}
      />,
    );
    await user.upload(
      screen.getByLabelText('CSV file'),
      new File([CSV_TEXT], 'meta-export.csv', { type: 'text/csv' }),
    );
    await user.click(await screen.findByRole('button', { name: /^Link to asset…\s*for ad 120219999$/ }));
    const group = screen.getByRole('group', { name: 'Link ad 120219999' });
    await user.selectOptions(within(group).getByLabelText('Asset for ad 120219999'), 'a1');
    await user.click(within(group).getByRole('button', { name: 'Link' }));
    expect((await within(group).findByRole('alert')).textContent).toBe('you need the operator role');
    expect(preview).toHaveBeenCalledTimes(1);
  });
});
