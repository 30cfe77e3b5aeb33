// @vitest-environment jsdom
import './dom-shims';
import { act, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DateTimeInput, ImageInput, LinesInput, LinkTargetInput, MoneyInput } from '../src/puck-fields';
import type { ImageRef, LinkTarget } from '../src/schema';
import { MEDIA_ID, PAGE_ID, THANKS_ID } from './fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function mount(element: ReactElement) {
  const el = document.createElement('div');
  document.body.append(el);
  const root = createRoot(el);
  await act(async () => root.render(element));
  cleanups.push(() => {
    act(() => root.unmount());
    el.remove();
  });
  return el;
}

/** Set a value the way a user does, so React's change tracking sees it. */
async function change(target: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) {
  const proto = Object.getPrototypeOf(target) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  await act(async () => {
    setter?.call(target, value);
    target.dispatchEvent(
      new Event(target instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  });
}

const pages = [
  { id: PAGE_ID, name: 'Start', slug: 'start' },
  { id: THANKS_ID, name: 'Thank you', slug: 'thank-you' },
];

describe('editor fields', () => {
  it('picks a link target: nothing, the next page, a page of the funnel, a URL', async () => {
    const changes: Array<LinkTarget | null> = [];
    const el = await mount(
      <LinkTargetInput value={null} onChange={(v) => changes.push(v)} pages={pages} nullable={true} />,
    );
    const kind = el.querySelector('select') as HTMLSelectElement;
    expect([...kind.options].map((o) => o.value)).toEqual(['none', 'next', 'page', 'url']);
    await change(kind, 'page');
    await change(kind, 'url');
    await change(kind, 'next');
    await change(kind, 'none');
    expect(changes).toEqual([
      { kind: 'page', pageId: PAGE_ID },
      { kind: 'url', url: 'https://' },
      { kind: 'next' },
      null,
    ]);
  });

  it('lists the funnel pages and flags a target outside the funnel', async () => {
    const changes: Array<LinkTarget | null> = [];
    const outside = '00000000-0000-4000-8000-00000000000f';
    const el = await mount(
      <LinkTargetInput
        value={{ kind: 'page', pageId: outside }}
        onChange={(v) => changes.push(v)}
        pages={pages}
        nullable={false}
      />,
    );
    const [kind, page] = [...el.querySelectorAll('select')] as HTMLSelectElement[];
    expect([...(kind?.options ?? [])].map((o) => o.value)).toEqual(['next', 'page', 'url']);
    expect([...(page?.options ?? [])].map((o) => o.textContent)).toEqual([
      '(a page not in this funnel)',
      'Start (/start)',
      'Thank you (/thank-you)',
    ]);
    await change(page as HTMLSelectElement, THANKS_ID);
    expect(changes).toEqual([{ kind: 'page', pageId: THANKS_ID }]);
  });

  it('edits money as a decimal and stores minor units', async () => {
    const changes: number[] = [];
    const el = await mount(<MoneyInput value={4900} onChange={(v) => changes.push(v)} />);
    const input = el.querySelector('input') as HTMLInputElement;
    expect(input.value).toBe('49.00');
    await change(input, '12.34');
    expect(changes).toEqual([1234]);
  });

  it('edits a deadline in UTC', async () => {
    const changes: string[] = [];
    const el = await mount(
      <DateTimeInput value="2026-12-24T18:00:00.000Z" onChange={(v) => changes.push(v)} />,
    );
    const input = el.querySelector('input') as HTMLInputElement;
    expect(input.value).toBe('2026-12-24T18:00');
    await change(input, '2027-01-02T09:30');
    expect(changes).toEqual(['2027-01-02T09:30:00.000Z']);
  });

  it('edits a list one line per item', async () => {
    const changes: string[][] = [];
    const el = await mount(<LinesInput value={['a']} onChange={(v) => changes.push(v)} />);
    const textarea = el.querySelector('textarea') as HTMLTextAreaElement;
    await change(textarea, 'First\n\n  Second\n');
    expect(changes).toEqual([['First', 'Second']]);
    // The operator's trailing new line stays in the box while the prop has no empty item.
    expect(textarea.value).toBe('First\n\n  Second\n');
  });

  it('uploads an image and keeps the alt text the operator wrote', async () => {
    const changes: Array<ImageRef | null> = [];
    const uploaded: ImageRef = {
      mediaId: MEDIA_ID,
      src: `/media/${MEDIA_ID}`,
      alt: '',
      width: 800,
      height: 600,
    };
    const files: File[] = [];
    const el = await mount(
      <ImageInput
        value={{
          mediaId: null,
          src: 'https://cdn.example.com/a.png',
          alt: 'Our team',
          width: 10,
          height: 10,
        }}
        onChange={(v) => changes.push(v)}
        nullable={true}
        mediaUrl={(id) => `https://api.example.com/media/${id}`}
        uploadImage={async (file) => {
          files.push(file);
          return uploaded;
        }}
      />,
    );
    const fileInput = el.querySelector('input[type=file]') as HTMLInputElement;
    const file = new File([new Uint8Array([1, 2, 3])], 'team.png', { type: 'image/png' });
    Object.defineProperty(fileInput, 'files', { value: [file] });
    await act(async () => {
      fileInput.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(files).toEqual([file]);
    expect(changes).toEqual([{ ...uploaded, alt: 'Our team' }]);
    await act(async () => {
      (el.querySelector('button') as HTMLButtonElement).click();
    });
    expect(changes.at(-1)).toBeNull();
  });
});
