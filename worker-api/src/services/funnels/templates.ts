import type { PageDocument } from '@mos/funnel-blocks/schema';
import { PAGE_TEMPLATES } from '@mos/funnel-blocks/templates';

/** The block library's page templates (what `createPage` can start from), each with its starting document. */
export function listTemplates() {
  return PAGE_TEMPLATES.map((t) => ({
    id: t.key,
    name: t.name,
    description: t.description,
    suggestedSlug: t.suggestedSlug,
    document: t.build(),
  }));
}

/** A template's document for a new page titled `title`, or null when there is no such template. */
export function templateDocument(id: string, title: string): PageDocument | null {
  return PAGE_TEMPLATES.find((t) => t.key === id)?.build({ title }) ?? null;
}
