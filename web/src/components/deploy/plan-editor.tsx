import type { PlanIssue } from '@mos/cloudhand/plan';
import { CircleAlertIcon, CircleCheckIcon } from 'lucide-react';
import { type Ref, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import { type LocatedIssue, locateIssues, validatePlanText } from './plan-text';

/** Line height of the editor, the gutter and the highlight layer: they must agree to the pixel. */
const LINE_PX = 20;
const PAD_PX = 8;

export interface PlanEditorHandle {
  /** Selects the issue's place in the text and scrolls it into view. */
  jumpTo(issue: LocatedIssue): void;
}

/** A problem as the editor lists it: from the live check or from the server's refusal of a save. */
export type ShownIssue = LocatedIssue & { from: 'check' | 'server' };

export const issueKey = (i: ShownIssue) => `${i.from}:${i.path}:${i.message}`;

/** The live check of a draft, with the server's refusal (if any) located in the same text. */
export function usePlanCheck(text: string, serverIssues: readonly PlanIssue[] | null) {
  const local = useMemo(() => validatePlanText(text), [text]);
  const issues = useMemo<ShownIssue[]>(
    () => [
      ...local.issues.map((i) => ({ ...i, from: 'check' as const })),
      ...(serverIssues && serverIssues.length > 0 ? locateIssues(text, serverIssues) : []).map((i) => ({
        ...i,
        from: 'server' as const,
      })),
    ],
    [text, local, serverIssues],
  );
  return { local, issues };
}

/**
 * A JSON editor for plans: monospace with line numbers, lines with a problem marked in the gutter and behind the
 * text (the message on hover), `wrap=off` so a line of text is a line of the gutter.
 */
export function PlanTextEditor({
  id,
  value,
  onChange,
  issues,
  active,
  readOnly,
  ref,
  label,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  issues: readonly LocatedIssue[];
  active: LocatedIssue | null;
  readOnly?: boolean;
  ref?: Ref<PlanEditorHandle>;
  label: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const lines = useMemo(() => value.split('\n').length, [value]);
  const byLine = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const i of issues) {
      if (!i.spot) continue;
      m.set(i.spot.line, [...(m.get(i.spot.line) ?? []), `${i.path}: ${i.message}`]);
    }
    return m;
  }, [issues]);

  useImperativeHandle(ref, () => ({
    jumpTo(issue) {
      const el = area.current;
      if (!el || !issue.spot) return;
      el.focus();
      el.setSelectionRange(issue.spot.start, issue.spot.end);
      const top = (issue.spot.line - 1) * LINE_PX;
      if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - LINE_PX * 2)
        el.scrollTop = Math.max(0, top - el.clientHeight / 3);
    },
  }));

  const rows = Array.from({ length: lines }, (_, i) => i + 1);
  return (
    <div
      className="relative flex h-[28rem] overflow-hidden rounded-md border border-input bg-card font-mono text-[13px] shadow-xs focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/30"
      data-testid="plan-editor"
    >
      <div
        aria-hidden
        className="w-12 shrink-0 overflow-hidden border-r bg-muted/40 text-right text-muted-foreground select-none"
      >
        <div style={{ transform: `translateY(${-scroll.top}px)`, paddingTop: PAD_PX, paddingBottom: PAD_PX }}>
          {rows.map((n) => {
            const problems = byLine.get(n);
            return (
              <div
                key={n}
                title={problems?.join('\n')}
                data-problem-line={problems ? n : undefined}
                className={cn(
                  'pr-2',
                  problems && 'bg-destructive/15 font-semibold text-[oklch(0.48_0.19_27)]',
                  active?.spot?.line === n && 'bg-destructive/30',
                )}
                style={{ height: LINE_PX, lineHeight: `${LINE_PX}px` }}
              >
                {n}
              </div>
            );
          })}
        </div>
      </div>
      <div className="relative min-w-0 flex-1">
        {/* The highlight layer: one band per problem line, scrolled with the text. */}
        <div aria-hidden className="pointer-events-none absolute inset-0 overflow-hidden">
          <div style={{ transform: `translateY(${-scroll.top}px)`, paddingTop: PAD_PX }}>
            {rows.map((n) => (
              <div
                key={n}
                className={cn(
                  byLine.has(n) && 'bg-destructive/8',
                  active?.spot?.line === n && 'bg-destructive/15',
                )}
                style={{ height: LINE_PX }}
              />
            ))}
          </div>
        </div>
        <textarea
          ref={area}
          id={id}
          aria-label={label}
          aria-invalid={issues.length > 0 || undefined}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          readOnly={readOnly}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
          onKeyDown={(e) => {
            // Tab indents (two spaces) instead of leaving the editor; Escape first, then Tab, leaves it.
            if (e.key !== 'Tab' || e.shiftKey || readOnly) return;
            e.preventDefault();
            const el = e.currentTarget;
            const { selectionStart: s, selectionEnd: end } = el;
            onChange(`${value.slice(0, s)}  ${value.slice(end)}`);
            requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
          }}
          className="absolute inset-0 h-full w-full resize-none overflow-auto bg-transparent px-3 whitespace-pre text-foreground outline-none"
          style={{ lineHeight: `${LINE_PX}px`, paddingTop: PAD_PX, paddingBottom: PAD_PX, tabSize: 2 }}
        />
      </div>
    </div>
  );
}

/**
 * The plan's problems as a list of `path: message`, each a button that puts the cursor on its place in the editor.
 * Empty: a green "valid" line, so a person sees the check ran.
 */
export function PlanIssueList({
  issues,
  onJump,
  activeKey,
  serverNote = 'the server refused the save',
}: {
  issues: readonly ShownIssue[];
  onJump: (issue: ShownIssue) => void;
  activeKey: string | null;
  /** Where the server's problems came from (a refused save, or its check of the draft). */
  serverNote?: string;
}) {
  if (issues.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-[oklch(0.45_0.11_160)]" role="status">
        <CircleCheckIcon className="size-4" aria-hidden /> The plan is valid.
      </p>
    );
  }
  const fromServer = issues.some((i) => i.from === 'server');
  return (
    <div className="grid gap-2" role="alert">
      <p className="flex items-center gap-2 text-sm font-medium text-destructive">
        <CircleAlertIcon className="size-4" aria-hidden />
        {issues.length === 1 ? '1 problem' : `${issues.length} problems`}
        {fromServer ? ` (${serverNote})` : ''}
      </p>
      <ul aria-label="Plan problems" className="grid max-h-48 gap-1 overflow-auto">
        {issues.map((i, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two identical problems are two rows; the index keeps them apart
          <li key={`${issueKey(i)}:${n}`}>
            <button
              type="button"
              onClick={() => onJump(i)}
              className={cn(
                'w-full rounded px-2 py-1 text-left text-sm hover:bg-destructive/10',
                activeKey === issueKey(i) && 'bg-destructive/10',
              )}
              data-issue-path={i.path}
            >
              <code className="font-mono text-xs font-semibold break-all">{i.path}</code>
              <span className="text-foreground">: {i.message}</span>
              {i.spot ? <span className="ml-2 text-xs text-muted-foreground">line {i.spot.line}</span> : null}
              {i.from === 'server' ? (
                <span className="ml-2 text-xs text-muted-foreground">(server)</span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The plan tab's editor: the JSON, its problems under it (each jumps to its line), Save (enabled for a valid,
 * changed draft) and Discard. The server validates again on save; what it refuses comes back as `serverIssues`.
 */
export function PlanEditorPanel({
  draft,
  onDraftChange,
  savedText,
  onSave,
  saving,
  serverIssues,
  serverNote,
}: {
  draft: string;
  onDraftChange: (text: string) => void;
  savedText: string;
  onSave: (plan: unknown) => void;
  saving: boolean;
  serverIssues: readonly PlanIssue[] | null;
  serverNote?: string;
}) {
  const editor = useRef<PlanEditorHandle>(null);
  const { local, issues } = usePlanCheck(draft, serverIssues);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const active = issues.find((i) => issueKey(i) === activeKey) ?? null;
  const changed = draft !== savedText;
  return (
    <div className="grid gap-3">
      <PlanTextEditor
        id="plan-json"
        label="Plan JSON"
        ref={editor}
        value={draft}
        onChange={onDraftChange}
        issues={issues}
        active={active}
      />
      <PlanIssueList
        issues={issues}
        activeKey={activeKey}
        {...(serverNote ? { serverNote } : {})}
        onJump={(i) => {
          setActiveKey(issueKey(i));
          editor.current?.jumpTo(i);
        }}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button
          disabled={!changed || !local.ok || saving}
          onClick={() => {
            if (local.ok) onSave(local.value);
          }}
        >
          {saving ? 'Saving…' : 'Save as new version'}
        </Button>
        <Button variant="outline" disabled={!changed || saving} onClick={() => onDraftChange(savedText)}>
          Discard changes
        </Button>
        {changed ? <span className="text-sm text-muted-foreground">Unsaved changes</span> : null}
      </div>
    </div>
  );
}
