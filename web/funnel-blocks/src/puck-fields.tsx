/** @jsxRuntime automatic @jsxImportSource react */
import { type ChangeEvent, useEffect, useId, useState } from 'react';
import type { ImageRef, LinkTarget } from './schema';

const SIDES = [
  ['width', 'Width'],
  ['height', 'Height'],
] as const;

/**
 * Editor inputs for the prop shapes Puck has no field for (images, link targets, money, dates, string lists).
 * Plain controlled inputs; Puck hands them `value` and `onChange` through its custom field type.
 */
const INPUT = 'block w-full rounded border border-neutral-300 bg-white px-2 py-1 text-sm text-neutral-900';
const SMALL_BUTTON =
  'rounded border border-neutral-300 bg-white px-2 py-1 text-xs text-neutral-800 hover:bg-neutral-100';

export interface PageOption {
  id: string;
  name: string;
  slug: string;
}

interface FieldProps<V> {
  value: V;
  onChange: (value: V) => void;
  readOnly?: boolean | undefined;
}

export function LinkTargetInput({
  value,
  onChange,
  readOnly,
  pages,
  nullable,
}: FieldProps<LinkTarget | null> & { pages: PageOption[]; nullable: boolean }) {
  const kind = value?.kind ?? 'none';
  const setKind = (next: string) => {
    if (next === 'none') onChange(null);
    else if (next === 'next') onChange({ kind: 'next' });
    else if (next === 'url') onChange({ kind: 'url', url: value?.kind === 'url' ? value.url : 'https://' });
    else {
      const first = pages[0];
      if (first) onChange({ kind: 'page', pageId: first.id });
    }
  };
  return (
    <div className="space-y-1">
      <select
        className={INPUT}
        value={kind}
        disabled={readOnly}
        onChange={(e) => setKind(e.target.value)}
        aria-label="Link to"
      >
        {nullable ? <option value="none">Nothing</option> : null}
        <option value="next">The next page</option>
        <option value="page" disabled={pages.length === 0}>
          A page of this funnel
        </option>
        <option value="url">A web address</option>
      </select>
      {value?.kind === 'page' ? (
        <select
          className={INPUT}
          value={value.pageId}
          disabled={readOnly}
          aria-label="Page"
          onChange={(e) => onChange({ kind: 'page', pageId: e.target.value })}
        >
          {pages.some((p) => p.id === value.pageId) ? null : (
            <option value={value.pageId}>(a page not in this funnel)</option>
          )}
          {pages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} (/{p.slug})
            </option>
          ))}
        </select>
      ) : null}
      {value?.kind === 'url' ? (
        <input
          className={INPUT}
          type="url"
          value={value.url}
          readOnly={readOnly}
          aria-label="Web address"
          onChange={(e) => onChange({ kind: 'url', url: e.target.value })}
        />
      ) : null}
    </div>
  );
}

async function readImageSize(file: File): Promise<{ width: number; height: number } | null> {
  if (typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}

export function ImageInput({
  value,
  onChange,
  readOnly,
  nullable,
  mediaUrl,
  uploadImage,
}: FieldProps<ImageRef | null> & {
  nullable: boolean;
  mediaUrl: (mediaId: string) => string;
  uploadImage?: ((file: File) => Promise<ImageRef>) | undefined;
}) {
  const [status, setStatus] = useState<string | null>(null);
  const inputId = useId();
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file || !uploadImage) return;
    setStatus('Uploading…');
    try {
      const uploaded = await uploadImage(file);
      const size = uploaded.width && uploaded.height ? null : await readImageSize(file);
      onChange({ ...uploaded, alt: value?.alt ?? uploaded.alt, ...(size ?? {}) });
      setStatus(null);
    } catch (error) {
      setStatus(error instanceof Error ? error.message : 'Upload failed');
    }
  };
  return (
    <div className="space-y-2">
      {value ? (
        <img
          src={value.mediaId ? mediaUrl(value.mediaId) : value.src}
          alt=""
          width={value.width}
          height={value.height}
          className="h-auto max-h-32 w-auto max-w-full rounded border border-neutral-200"
        />
      ) : (
        <p className="text-xs text-neutral-500">No image</p>
      )}
      {uploadImage && !readOnly ? (
        <label htmlFor={inputId} className={`${SMALL_BUTTON} inline-block cursor-pointer`}>
          Upload image
          <input
            id={inputId}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            className="sr-only"
            onChange={(e) => {
              void onFile(e);
            }}
          />
        </label>
      ) : null}
      {status ? <p className="text-xs text-neutral-600">{status}</p> : null}
      {value ? (
        <>
          <input
            className={INPUT}
            placeholder="Describe the image (alt text)"
            aria-label="Alt text"
            value={value.alt}
            readOnly={readOnly}
            onChange={(e) => onChange({ ...value, alt: e.target.value })}
          />
          {value.mediaId ? null : (
            <input
              className={INPUT}
              aria-label="Image address"
              value={value.src}
              readOnly={readOnly}
              onChange={(e) => onChange({ ...value, src: e.target.value })}
            />
          )}
          <div className="flex gap-2">
            {SIDES.map(([side, label]) => (
              <input
                key={side}
                className={INPUT}
                type="number"
                min={1}
                aria-label={label}
                value={value[side]}
                readOnly={readOnly}
                onChange={(e) => onChange({ ...value, [side]: Number(e.target.value) })}
              />
            ))}
          </div>
        </>
      ) : null}
      {nullable && value && !readOnly ? (
        <button type="button" className={SMALL_BUTTON} onClick={() => onChange(null)}>
          Remove image
        </button>
      ) : null}
    </div>
  );
}

/** An amount in minor units (cents) edited as a decimal. */
export function MoneyInput({ value, onChange, readOnly }: FieldProps<number>) {
  return (
    <input
      className={INPUT}
      type="number"
      min={0}
      step={0.01}
      aria-label="Amount"
      value={(value / 100).toFixed(2)}
      readOnly={readOnly}
      onChange={(e) => onChange(Math.round(Number(e.target.value) * 100))}
    />
  );
}

/** An ISO instant edited as a UTC date and time. */
export function DateTimeInput({ value, onChange, readOnly }: FieldProps<string>) {
  const local = Number.isNaN(Date.parse(value)) ? '' : new Date(value).toISOString().slice(0, 16);
  return (
    <div className="flex items-center gap-2">
      <input
        className={INPUT}
        type="datetime-local"
        aria-label="Ends at (UTC)"
        value={local}
        readOnly={readOnly}
        onChange={(e) => {
          if (e.target.value) onChange(new Date(`${e.target.value}:00Z`).toISOString());
        }}
      />
      <span className="text-xs text-neutral-500">UTC</span>
    </div>
  );
}

const nonEmptyLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/**
 * A list of short strings, one per line. The textarea keeps what the operator types (a trailing new line while
 * typing); the prop gets the non-empty lines only, so the list never holds an empty item the schema refuses.
 */
export function LinesInput({ value, onChange, readOnly }: FieldProps<string[]>) {
  const joined = value.join('\n');
  const [text, setText] = useState(joined);
  useEffect(() => {
    // Follow changes from outside (an offer filled in), not the echo of our own edits.
    setText((current) => (nonEmptyLines(current).join('\n') === joined ? current : joined));
  }, [joined]);
  return (
    <textarea
      className={INPUT}
      rows={Math.max(3, value.length + 1)}
      aria-label="One per line"
      value={text}
      readOnly={readOnly}
      onChange={(e) => {
        setText(e.target.value);
        onChange(nonEmptyLines(e.target.value));
      }}
    />
  );
}

export function OfferSelect({
  value,
  onChange,
  readOnly,
  offers,
}: FieldProps<string | null> & { offers: Array<{ id: string; name: string }> }) {
  return (
    <select
      className={INPUT}
      value={value ?? ''}
      disabled={readOnly}
      aria-label="Offer"
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
    >
      <option value="">No offer (write the prices yourself)</option>
      {offers.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
