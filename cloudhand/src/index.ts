// cloudhand: Hetzner infrastructure as code, nginx and SSH deploys (SPEC §8). The engine arrives with
// the deploy issue; the package exists now so the workspace layout matches the design card.
export const CLOUDHAND_PROVIDERS = ['hetzner'] as const;
export type CloudhandProvider = (typeof CLOUDHAND_PROVIDERS)[number];
