import type { PageDocument } from '@mos/funnel-blocks/schema';
import type * as Templates from '@mos/funnel-blocks/templates';

// TEMPORARY: a runtime import by name until @mos/funnel-blocks/templates is merged (then a static import).
const TEMPLATES_MODULE = '@mos/funnel-blocks/templates';
const load = () => import(/* @vite-ignore */ TEMPLATES_MODULE) as Promise<typeof Templates>;

/** The block library's page templates (what `createPage` can start from), each with its starting document. */
export async function listTemplates() {
  const { PAGE_TEMPLATES } = await load();
  return PAGE_TEMPLATES.map((t) => ({
    id: t.key,
    name: t.name,
    description: t.description,
    suggestedSlug: t.suggestedSlug,
    document: t.build(),
  }));
}

/** A template's document for a new page titled `title`, or null when there is no such template. */
export async function templateDocument(id: string, title: string): Promise<PageDocument | null> {
  const { PAGE_TEMPLATES } = await load();
  return PAGE_TEMPLATES.find((t) => t.key === id)?.build({ title }) ?? null;
}
