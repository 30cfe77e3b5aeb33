import { ImageIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { humanize } from '@/lib/format';

/*
 * A generated asset's copy as its platform shows it: a search ad's headlines and descriptions, a feed ad's
 * headline and primary text, a video's scenes, the call to action and the aspect ratio. Read defensively from
 * `assets.content` (assets written before per-format fields carry only the flat copy, which is shown then).
 */

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const strs = (v: unknown): string[] | null =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;

interface Scene {
  start: number;
  end: number;
  visual: string;
  onScreenText: string | null;
  voiceover: string | null;
}

function scenesOf(v: unknown): Scene[] | null {
  if (!Array.isArray(v)) return null;
  return v.flatMap((s) => {
    const o = (s && typeof s === 'object' ? s : {}) as Json;
    return typeof o.start === 'number' && typeof o.end === 'number'
      ? [
          {
            start: o.start,
            end: o.end,
            visual: str(o.visual) ?? '',
            onScreenText: str(o.onScreenText),
            voiceover: str(o.voiceover),
          },
        ]
      : [];
  });
}

function Field({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-muted-foreground">{name}</dt>
      <dd className="whitespace-pre-line">{children}</dd>
    </div>
  );
}

/** Numbered lines with their length, so a reviewer sees each one against its platform limit. */
function Lines({ items, limit }: { items: string[]; limit: number }) {
  return (
    <ol className="grid gap-0.5">
      {items.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat; the list is display-only
        <li key={i} className="flex items-baseline justify-between gap-3">
          <span>{line}</span>
          <span
            className={`shrink-0 text-xs tabular-nums ${line.length > limit ? 'text-destructive' : 'text-muted-foreground'}`}
          >
            {line.length}/{limit}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function AssetCopy({ content }: { content: unknown }) {
  const c = (content && typeof content === 'object' ? content : {}) as Json;
  const headlines = strs(c.headlines);
  const descriptions = strs(c.descriptions);
  const scenes = scenesOf(c.scenes);
  const search = headlines !== null && headlines.length > 0;
  const cta = str(c.cta);
  const ratio = str(c.aspectRatio);
  return (
    <dl className="grid gap-2 text-sm">
      {cta || ratio ? (
        <div className="flex flex-wrap gap-1.5">
          {cta ? <Badge variant="secondary">{`CTA: ${humanize(cta)}`}</Badge> : null}
          {ratio ? <Badge variant="outline">{ratio}</Badge> : null}
        </div>
      ) : null}
      {str(c.hook) ? <Field name="Hook">{str(c.hook)}</Field> : null}
      {search ? (
        <>
          <Field name="Headlines">
            <Lines items={headlines} limit={30} />
          </Field>
          <Field name="Descriptions">
            <Lines items={descriptions ?? []} limit={90} />
          </Field>
        </>
      ) : (
        <>
          {str(c.headline) ? (
            <Field name="Headline">
              <span className="font-semibold">{str(c.headline)}</span>
            </Field>
          ) : null}
          {str(c.primaryText) ? <Field name="Primary text">{str(c.primaryText)}</Field> : null}
        </>
      )}
      {scenes && scenes.length > 0 ? (
        <Field name="Scenes">
          <ol className="grid gap-1.5">
            {scenes.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: scenes are ordered by time and display-only
              <li key={i} className="grid grid-cols-[4.5rem_1fr] gap-2">
                <span className="text-xs tabular-nums text-muted-foreground">{`${s.start}–${s.end}s`}</span>
                <span>
                  {s.visual}
                  {s.onScreenText ? (
                    <span className="block font-medium">{`On screen: “${s.onScreenText}”`}</span>
                  ) : null}
                  {s.voiceover ? <span className="block italic">{`VO: ${s.voiceover}`}</span> : null}
                </span>
              </li>
            ))}
          </ol>
        </Field>
      ) : str(c.script) ? (
        <Field name="Script">{str(c.script)}</Field>
      ) : null}
      {str(c.imagePrompt) ? (
        <Field name="Image prompt">
          <span className="flex gap-1.5 italic text-muted-foreground">
            <ImageIcon aria-hidden className="mt-0.5 size-3.5 shrink-0" />
            {str(c.imagePrompt)}
          </span>
        </Field>
      ) : null}
    </dl>
  );
}
