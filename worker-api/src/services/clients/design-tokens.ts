import { type ClientRow, getClient, latestArtifact, updateClient } from '@mos/db';
import { DEFAULT_DESIGN_TOKENS, DesignTokens } from '@mos/funnel-blocks/schema';
import { DomainError } from '../../errors';
import type { DesignTokensRef, DesignTokensSet } from '../../schemas/clients';
import type { ServiceCtx } from '../context';
import { validationError } from '../validation';

/** Where a client's design tokens came from: set by a person, drawn from the approved canon, or the defaults. */
export type DesignTokensSource = 'client' | 'canon' | 'default';

const HEX = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i;

function hex6(colour: string): string | null {
  const c = colour.trim();
  if (!HEX.test(c)) return null;
  const h = c.slice(1).toLowerCase();
  return `#${h.length === 3 ? [...h].map((d) => d + d).join('') : h}`;
}

/** Relative luminance (WCAG) of a #rrggbb colour, 0 (black) to 1 (white). */
function luminance(colour: string): number {
  const channel = (i: number) => {
    const v = Number.parseInt(colour.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * Tokens from a canon's palette (its hex colours, in the canon's order): the first colour that is neither near
 * white nor near black is the primary, the next such one the accent; the darkest colour (if dark enough) is the
 * text and the lightest (if light enough) the background; button text is white or black, whichever reads better
 * on the primary. Null when the palette has no usable colour.
 */
export function tokensFromPalette(palette: readonly string[]): DesignTokens | null {
  const colours = palette.map(hex6).filter((c): c is string => c !== null);
  if (colours.length === 0) return null;
  const mid = colours.filter((c) => luminance(c) > 0.03 && luminance(c) < 0.7);
  const byLum = [...colours].sort((a, b) => luminance(a) - luminance(b));
  const darkest = byLum[0];
  const lightest = byLum[byLum.length - 1];
  const primary = mid[0] ?? colours[0] ?? DEFAULT_DESIGN_TOKENS.colors.primary;
  return {
    ...DEFAULT_DESIGN_TOKENS,
    colors: {
      ...DEFAULT_DESIGN_TOKENS.colors,
      primary,
      primaryText: luminance(primary) > 0.4 ? '#111111' : '#ffffff',
      accent: mid[1] ?? DEFAULT_DESIGN_TOKENS.colors.accent,
      text: darkest && luminance(darkest) < 0.1 ? darkest : DEFAULT_DESIGN_TOKENS.colors.text,
      background: lightest && luminance(lightest) >= 0.7 ? lightest : DEFAULT_DESIGN_TOKENS.colors.background,
    },
  };
}

/** The tokens a client's pages render with: its own, else from the approved canon's palette, else the defaults. */
export async function resolveDesignTokens(
  ctx: ServiceCtx,
  client: ClientRow,
): Promise<{ tokens: DesignTokens; source: DesignTokensSource }> {
  const own = DesignTokens.safeParse(client.designTokens);
  if (client.designTokens !== null && own.success) return { tokens: own.data, source: 'client' };
  const canon = await latestArtifact(ctx.db, ctx.member.orgId, {
    clientId: client.id,
    campaignId: null,
    type: 'client_canon',
    status: 'approved',
  });
  const palette = (canon?.data as { brand?: { visualStyleRefs?: { palette?: unknown } } } | undefined)?.brand
    ?.visualStyleRefs?.palette;
  const derived = Array.isArray(palette)
    ? tokensFromPalette(palette.filter((p): p is string => typeof p === 'string'))
    : null;
  return derived
    ? { tokens: derived, source: 'canon' }
    : { tokens: DEFAULT_DESIGN_TOKENS, source: 'default' };
}

export async function getDesignTokens({ ctx, input }: { ctx: ServiceCtx; input: DesignTokensRef }) {
  const client = await getClient(ctx.db, ctx.member.orgId, input.clientId);
  if (!client) throw DomainError.notFound('client');
  return resolveDesignTokens(ctx, client);
}

/** Sets a client's tokens (validated by the block library's `DesignTokens`); null goes back to the derived ones. */
export async function setDesignTokens({ ctx, input }: { ctx: ServiceCtx; input: DesignTokensSet }) {
  let tokens: DesignTokens | null = null;
  if (input.tokens !== null) {
    const parsed = DesignTokens.safeParse(input.tokens);
    if (!parsed.success) throw validationError(parsed.error, ['tokens']);
    tokens = parsed.data;
  }
  const row = await updateClient(ctx.db, ctx.member.orgId, input.clientId, { designTokens: tokens });
  if (!row) throw DomainError.notFound('client');
  return resolveDesignTokens(ctx, row);
}
