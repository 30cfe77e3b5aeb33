/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';

/**
 * Markdown-lite for the RichText block: paragraphs (blank-line separated), `- ` lists, `**bold**`, `*italic*` and
 * `[label](https://…)`. It builds React elements from text, so nothing the operator (or a model) writes is ever
 * inserted as HTML.
 */
export type MarkdownNode = { kind: 'paragraph'; lines: string[] } | { kind: 'list'; items: string[] };

export function parseMarkdownLite(source: string): MarkdownNode[] {
  const nodes: MarkdownNode[] = [];
  const chunks = source.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  for (const chunk of chunks) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    if (lines.length === 0) continue;
    // A chunk mixing list lines and text becomes runs of paragraphs and lists, in order.
    let current: MarkdownNode | null = null;
    for (const line of lines) {
      const isItem = /^[-*] /.test(line);
      if (isItem) {
        if (current?.kind !== 'list') {
          current = { kind: 'list', items: [] };
          nodes.push(current);
        }
        current.items.push(line.slice(2).trim());
      } else {
        if (current?.kind !== 'paragraph') {
          current = { kind: 'paragraph', lines: [] };
          nodes.push(current);
        }
        current.lines.push(line);
      }
    }
  }
  return nodes;
}

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)/g;

export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) out.push(text.slice(last, index));
    const key = `${keyPrefix}-${n++}`;
    const [, bold, italic, label, url] = match;
    if (bold !== undefined) out.push(<strong key={key}>{renderInline(bold, key)}</strong>);
    else if (italic !== undefined) out.push(<em key={key}>{renderInline(italic, key)}</em>);
    else if (label !== undefined && url !== undefined)
      out.push(
        <a key={key} href={url} rel="noopener noreferrer" className="underline text-[var(--mos-primary)]">
          {renderInline(label, key)}
        </a>,
      );
    last = index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function MarkdownLite({ source }: { source: string }) {
  return (
    <>
      {parseMarkdownLite(source).map((node, i) =>
        node.kind === 'list' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: nodes have no identity beyond their position in the text
          <ul key={i} className="my-4 list-disc space-y-1 pl-6">
            {node.items.map((item, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: same as above
              <li key={j}>{renderInline(item, `${i}-${j}`)}</li>
            ))}
          </ul>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: same as above
          <p key={i} className="my-4">
            {node.lines.flatMap((line, j) =>
              j === 0
                ? renderInline(line, `${i}-${j}`)
                : // biome-ignore lint/suspicious/noArrayIndexKey: line breaks have no identity beyond their position
                  [<br key={`br-${j}`} />, ...renderInline(line, `${i}-${j}`)],
            )}
          </p>
        ),
      )}
    </>
  );
}
