import { META_HEADLINE_MAX, META_HOOK_WITHIN, RSA_LIMITS } from '@mos/db/contracts';
import { ImageIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { enumLabel } from '@/lib/labels';

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

/** A line's length against its platform limit, red when over. */
function Count({ length, limit }: { length: number; limit: number }) {
  return (
    <span
      className={`shrink-0 text-xs tabular-nums ${length > limit ? 'font-medium text-destructive' : 'text-muted-foreground'}`}
      title={`${length} of ${limit} characters`}
    >
      {length}/{limit}
    </span>
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
          <Count length={line.length} limit={limit} />
        </li>
      ))}
    </ol>
  );
}

/** A video's scenes as a timeline: when, what is seen, what is written on screen, what is said. */
function SceneTable({ scenes }: { scenes: Scene[] }) {
  return (
    <section
      className="overflow-x-auto rounded-md border"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than its card scrolls, so keyboard users must reach it (axe scrollable-region-focusable)
      tabIndex={0}
      aria-label="Scenes (scrolls sideways)"
    >
      <table className="w-full text-sm">
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th className="px-2 py-1.5 font-medium">Time</th>
            <th className="px-2 py-1.5 font-medium">Visual</th>
            <th className="px-2 py-1.5 font-medium">On screen</th>
            <th className="px-2 py-1.5 font-medium">Voiceover</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {scenes.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: scenes are ordered by time and display-only
            <tr key={i} className="align-top">
              <td className="whitespace-nowrap px-2 py-1.5 text-xs tabular-nums text-muted-foreground">{`${s.start}–${s.end}s`}</td>
              <td className="min-w-[10rem] px-2 py-1.5">{s.visual}</td>
              <td className="min-w-[7rem] px-2 py-1.5 font-medium">
                {s.onScreenText ?? <span className="font-normal text-muted-foreground">—</span>}
              </td>
              <td className="min-w-[10rem] px-2 py-1.5 italic">
                {s.voiceover ?? <span className="not-italic text-muted-foreground">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Whether the content is a video with timed scenes (its card gets more room for the timeline). */
export const hasScenes = (content: unknown): boolean =>
  (scenesOf((content as Json | null)?.scenes) ?? []).length > 0;

/**
 * `channel` names the platform whose limits apply: Meta's headline limit and hook window are shown against the
 * copy (the checks that enforce them run at generation).
 */
export function AssetCopy({ content, channel }: { content: unknown; channel?: string }) {
  const c = (content && typeof content === 'object' ? content : {}) as Json;
  const headlines = strs(c.headlines);
  const descriptions = strs(c.descriptions);
  const scenes = scenesOf(c.scenes);
  const search = headlines !== null && headlines.length > 0;
  const cta = str(c.cta);
  const meta = channel === 'meta';
  const headline = str(c.headline);
  const primary = str(c.primaryText);
  const hook = str(c.hook);
  const hookAt = hook && primary ? primary.toLowerCase().indexOf(hook.toLowerCase()) : -1;
  const ratio = str(c.aspectRatio);
  return (
    <div className="grid gap-2 text-sm">
      {cta || ratio ? (
        <div className="flex flex-wrap gap-1.5">
          {cta ? <Badge variant="secondary">{`CTA: ${enumLabel(cta.toLowerCase())}`}</Badge> : null}
          {ratio ? <Badge variant="outline">{`Aspect ${ratio}`}</Badge> : null}
        </div>
      ) : null}
      <dl className="grid gap-2">
        {hook ? <Field name="Hook">{hook}</Field> : null}
        {search ? (
          <>
            <Field name="Headlines">
              <Lines items={headlines} limit={RSA_LIMITS.headlineMax} />
            </Field>
            <Field name="Descriptions">
              <Lines items={descriptions ?? []} limit={RSA_LIMITS.descriptionMax} />
            </Field>
          </>
        ) : (
          <>
            {headline ? (
              <Field name="Headline">
                <span className="flex items-baseline justify-between gap-3">
                  <span className="font-semibold">{headline}</span>
                  {meta ? <Count length={headline.length} limit={META_HEADLINE_MAX} /> : null}
                </span>
              </Field>
            ) : null}
            {primary ? (
              <Field name="Primary text">
                {primary}
                {meta && hook ? (
                  <span
                    className={`mt-0.5 block text-xs ${hookAt >= 0 && hookAt + hook.length <= META_HOOK_WITHIN ? 'text-muted-foreground' : 'font-medium text-destructive'}`}
                  >
                    {hookAt >= 0 && hookAt + hook.length <= META_HOOK_WITHIN
                      ? `Hook within the first ${META_HOOK_WITHIN} characters (shown before “See more”)`
                      : `Hook not within the first ${META_HOOK_WITHIN} characters`}
                  </span>
                ) : null}
              </Field>
            ) : null}
          </>
        )}
        {scenes && scenes.length > 0 ? (
          <Field name="Scenes">
            <SceneTable scenes={scenes} />
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
    </div>
  );
}
