// The plan model and the pure operations on plans: browser-safe (zod only), shared by the API, the worker, the
// CLI and the web app's editor. The port rule needs node:crypto and lives at `@mos/cloudhand/ports`.
export * from './bootstrap';
export * from './firewall';
export * from './patch';
export * from './schema';
