import { artifactExamples, ClientCanon, ExperimentSpecSet } from '@mos/db/artifacts';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describe as describeSchema, emptyValue } from './describe';
import { SchemaForm } from './schema-form';

const Offer = z.strictObject({
  id: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1, 'Name is required').max(60),
});

const Doc = z.strictObject({
  title: z.string().trim().min(1).max(20),
  brand: z.strictObject({
    story: z.string().trim().min(1).max(600),
    tagline: z.string().trim().min(1).max(40).nullable(),
  }),
  values: z.array(z.string().trim().min(1).max(50)).max(5),
  offers: z.array(Offer).min(1).max(3),
  tier: z.enum(['starter', 'growth', 'scale']),
  budget: z.number().min(0).max(1000),
  active: z.boolean(),
});
type Doc = z.infer<typeof Doc>;

const doc = (): Doc => ({
  title: 'Glow Labs',
  brand: { story: 'Founded by two chemists.', tagline: null },
  values: ['honest', 'clinical'],
  offers: [{ id: 'starter-kit', name: 'Starter kit' }],
  tier: 'growth',
  budget: 250,
  active: true,
});

function renderForm<S extends z.ZodType>(
  schema: S,
  initialValue: unknown,
  extra: { lockedKeys?: string[] } = {},
) {
  const onSubmit = vi.fn();
  render(
    <SchemaForm
      schema={schema}
      initialValue={initialValue}
      onSubmit={onSubmit}
      submitLabel="Save"
      {...extra}
    />,
  );
  return { onSubmit, user: userEvent.setup() };
}

/** The error element a control points at with aria-describedby. */
function errorOf(control: HTMLElement): string | null {
  const id = control.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe('describe (zod definition walk)', () => {
  it('reads kinds and bounds from the schema definition', () => {
    expect(describeSchema(z.string().trim().min(2).max(9))).toEqual({ kind: 'string', min: 2, max: 9 });
    expect(describeSchema(z.int().min(1).max(5))).toMatchObject({
      kind: 'number',
      int: true,
      min: 1,
      max: 5,
    });
    expect(describeSchema(z.enum(['a', 'b']))).toEqual({ kind: 'enum', options: ['a', 'b'] });
    expect(describeSchema(z.array(z.string()).min(1).max(4))).toMatchObject({
      kind: 'array',
      min: 1,
      max: 4,
    });
    expect(describeSchema(z.string().nullable()).kind).toBe('nullable');
    expect(describeSchema(z.string().default('x')).kind).toBe('string');
  });

  it('builds an empty value of the right shape, with the minimum number of list items', () => {
    expect(emptyValue(Doc)).toEqual({
      title: '',
      brand: { story: '', tagline: null },
      values: [],
      offers: [{ id: '', name: '' }],
      tier: 'starter',
      budget: 0,
      active: false,
    });
  });
});

describe('SchemaForm', () => {
  it('editing a nested string produces data that safeParse accepts and equals the expected object', async () => {
    const { onSubmit, user } = renderForm(Doc, doc());
    const story = screen.getByLabelText('Story');
    // Rendered as a textarea: the bound (600) is above the single-line limit.
    expect(story.tagName).toBe('TEXTAREA');
    await user.clear(story);
    await user.type(story, '  Two chemists, one promise.  ');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    const data = onSubmit.mock.calls[0]?.[0];
    expect(Doc.safeParse(data).success).toBe(true);
    // zod's output: the trim of the schema applied.
    expect(data).toEqual({ ...doc(), brand: { story: 'Two chemists, one promise.', tagline: null } });
  });

  it('edits a real ClientCanon draft and submits a document ClientCanon accepts', async () => {
    const canon = structuredClone(artifactExamples.client_canon);
    const { onSubmit, user } = renderForm(ClientCanon, canon, { lockedKeys: ['clientId'] });
    // The first "Story" is brand.story.
    const story = screen.getAllByLabelText('Story')[0] as HTMLElement;
    // One change event: a whole canon re-validates per keystroke, which is slow in jsdom only.
    fireEvent.change(story, { target: { value: 'A rewritten brand story.' } });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    const data = onSubmit.mock.calls[0]?.[0];
    expect(ClientCanon.safeParse(data).success).toBe(true);
    expect(data).toEqual({ ...canon, brand: { ...canon.brand, story: 'A rewritten brand story.' } });
    expect((screen.getByLabelText('Client id') as HTMLInputElement).readOnly).toBe(true);
  });

  it('shows the schema message at the field for an empty required string and for too-long text, and blocks submit', async () => {
    const { onSubmit, user } = renderForm(Doc, doc());
    const title = screen.getByLabelText('Title');
    await user.clear(title);
    expect(errorOf(title)).toBe('Too small: expected string to have >=1 characters');
    expect(title.getAttribute('aria-invalid')).toBe('true');

    await user.type(title, 'A name that is far too long');
    expect(errorOf(title)).toBe('Too big: expected string to have <=20 characters');

    // A custom message of the schema is shown as written.
    const offerName = screen.getByLabelText('Name');
    await user.clear(offerName);
    expect(errorOf(offerName)).toBe('Name is required');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('2 fields need attention')).toBeInstanceOf(HTMLElement);

    await user.clear(title);
    await user.type(title, 'Glow');
    await user.type(offerName, 'Kit');
    expect(errorOf(title)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('adds, fills, reorders and removes array items', async () => {
    const { onSubmit, user } = renderForm(Doc, doc());
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    const second = screen.getByRole('group', { name: 'Offer 2' });
    const [idInput, nameInput] = within(second).getAllByRole('textbox') as [HTMLElement, HTMLElement];
    await user.type(idInput, 'bundle');
    await user.type(nameInput, 'Bundle');

    await user.click(screen.getByRole('button', { name: 'Move Offer 2 up' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit.mock.calls[0]?.[0].offers).toEqual([
      { id: 'bundle', name: 'Bundle' },
      { id: 'starter-kit', name: 'Starter kit' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Remove Offer 1' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit.mock.calls[1]?.[0].offers).toEqual([{ id: 'starter-kit', name: 'Starter kit' }]);

    // Below the schema's minimum: the array's own message, and no submit.
    await user.click(screen.getByRole('button', { name: 'Remove Offer 1' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledTimes(2);
    expect(screen.getAllByText('Too small: expected array to have >=1 items').length).toBeGreaterThan(0);
  });

  it('edits string lists as chips', async () => {
    const { onSubmit, user } = renderForm(Doc, doc());
    await user.click(screen.getByRole('button', { name: 'Remove honest' }));
    await user.type(screen.getByLabelText('Values'), 'playful{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit.mock.calls[0]?.[0].values).toEqual(['clinical', 'playful']);
  });

  it('sets and clears a nullable field, and edits numbers, enums and booleans', async () => {
    const { onSubmit, user } = renderForm(Doc, doc());
    await user.click(screen.getByRole('button', { name: 'Set Tagline' }));
    await user.type(screen.getByLabelText('Tagline'), 'Skin, explained');
    fireEvent.change(screen.getByLabelText('Budget'), { target: { value: '400' } });
    await user.selectOptions(screen.getByLabelText('Tier'), 'scale');
    await user.click(screen.getByLabelText('Active'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      brand: { tagline: 'Skin, explained' },
      budget: 400,
      tier: 'scale',
      active: false,
    });

    await user.click(screen.getByRole('button', { name: 'Clear Tagline' }));
    fireEvent.change(screen.getByLabelText('Budget'), { target: { value: '5000' } });
    expect(errorOf(screen.getByLabelText('Budget'))).toBe('Too big: expected number to be <=1000');
    fireEvent.change(screen.getByLabelText('Budget'), { target: { value: '10' } });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit.mock.calls[1]?.[0].brand.tagline).toBeNull();
  });

  it('shows server issues at their field and refinement issues (duplicate ids) at the item', async () => {
    const set = structuredClone(artifactExamples.experiment_spec);
    const onSubmit = vi.fn();
    render(
      <SchemaForm
        schema={ExperimentSpecSet}
        initialValue={set}
        onSubmit={onSubmit}
        serverIssues={[{ path: ['experimentSpecs', 0, 'name'], message: 'name is taken' }]}
      />,
    );
    const names = screen.getAllByLabelText('Name');
    expect(errorOf(names[0] as HTMLElement)).toBe('name is taken');
  });
});
