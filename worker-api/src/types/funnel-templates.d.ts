// TEMPORARY until @mos/funnel-blocks/templates is merged from the block library's branch; delete then.
declare module '@mos/funnel-blocks/templates' {
  import type { PageDocument } from '@mos/funnel-blocks/schema';
  export interface PageTemplate {
    key: string;
    name: string;
    description: string;
    suggestedSlug: string;
    build(options?: { now?: Date; title?: string }): PageDocument;
  }
  export const PAGE_TEMPLATES: readonly PageTemplate[];
}
