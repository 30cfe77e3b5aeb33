import type { FieldIssue } from '@/lib/errors';
import { humanize } from '@/lib/format';

interface DocLike {
  content?: readonly { type?: string; props?: { id?: string } }[];
}

const ordinal = (n: number) => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
};

/**
 * One API validation issue of a page document in words that name the place: `content.1.props.headline` →
 * "Hero (2nd block) · Headline: required"; `root.props.title` → "Page settings · Title: …".
 */
export function describeDocumentIssue(doc: DocLike, issue: FieldIssue): string {
  // The API may report the document's paths under the input's `document` key.
  const path = issue.path[0] === 'document' ? issue.path.slice(1) : issue.path;
  const rest = (from: number) =>
    path
      .slice(from)
      .map((p) =>
        typeof p === 'number' ? `#${p + 1}` : humanize(p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()),
      )
      .join(' › ');
  if (path[0] === 'content' && typeof path[1] === 'number') {
    const block = doc.content?.[path[1]];
    const where = `${block?.type ? humanize(block.type.replace(/([a-z])([A-Z])/g, '$1 $2')) : 'Block'} (${ordinal(path[1] + 1)} block)`;
    const field = path[2] === 'props' ? rest(3) : rest(2);
    return `${where}${field ? ` · ${field}` : ''}: ${issue.message}`;
  }
  if (path[0] === 'root') {
    const field = path[1] === 'props' ? rest(2) : rest(1);
    return `Page settings${field ? ` · ${field}` : ''}: ${issue.message}`;
  }
  return path.length ? `${rest(0)}: ${issue.message}` : issue.message;
}
