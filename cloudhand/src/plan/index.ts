// The plan model and the pure operations on plans: browser-safe (zod only), shared by the API, the worker, the
// CLI and the web app's editor.
export * from './schema';
