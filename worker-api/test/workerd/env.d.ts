// Types `exports.default` from `cloudflare:workers` as the Worker entry of /wrangler.toml.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../../src/worker');
  }
}
