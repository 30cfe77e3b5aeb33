import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DiffView } from './diff-view';
import { diffJson } from './json-diff';

const v1 = {
  brand: { story: 'Founded in Berlin', toneOfVoice: { do: ['warm'], dont: ['pushy'] } },
  icps: [{ id: 'a', name: 'Runners' }],
  legacy: 'drop me',
};
const v2 = {
  brand: { story: 'Founded in Munich', toneOfVoice: { do: ['warm', 'direct'], dont: ['pushy'] } },
  icps: [{ id: 'a', name: 'Runners' }],
};

function rowFor(path: string) {
  const table = screen.getByRole('table', { name: 'Differences' });
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByText(path) !== null);
  if (!row) throw new Error(`no row for ${path}`);
  return row;
}

describe('DiffView', () => {
  it('shows a changed nested field, an added array item and a removed key as such', () => {
    render(<DiffView before={v1} after={v2} beforeLabel="v1" afterLabel="v2" />);
    const rows = within(screen.getByRole('table', { name: 'Differences' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(3);

    const changed = rowFor('brand.story');
    expect(changed.getAttribute('data-kind')).toBe('changed');
    expect(within(changed).getByText('Changed')).toBeInstanceOf(HTMLElement);
    expect(within(changed).getByText('Founded in Berlin')).toBeInstanceOf(HTMLElement);
    expect(within(changed).getByText('Founded in Munich')).toBeInstanceOf(HTMLElement);

    const added = rowFor('brand.toneOfVoice.do[1]');
    expect(added.getAttribute('data-kind')).toBe('added');
    expect(within(added).getByText('Added')).toBeInstanceOf(HTMLElement);
    expect(within(added).getByText('direct')).toBeInstanceOf(HTMLElement);

    const removed = rowFor('legacy');
    expect(removed.getAttribute('data-kind')).toBe('removed');
    expect(within(removed).getByText('Removed')).toBeInstanceOf(HTMLElement);
    expect(within(removed).getByText('drop me')).toBeInstanceOf(HTMLElement);

    // Unchanged fields are not listed.
    expect(screen.queryByText('icps[0].name')).toBeNull();
  });

  it('says there are no differences for identical versions', () => {
    render(<DiffView before={v1} after={structuredClone(v1)} beforeLabel="v3" afterLabel="v4" />);
    expect(screen.getByText('No differences between v3 and v4.')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('reports a removed array item and a type change at their paths', () => {
    expect(diffJson({ a: [1, 2], b: { c: 1 } }, { a: [1], b: { c: '1' } })).toEqual([
      { path: ['a', 1], kind: 'removed', before: 2 },
      { path: ['b', 'c'], kind: 'changed', before: 1, after: '1' },
    ]);
  });
});
