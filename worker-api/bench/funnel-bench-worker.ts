// The production Worker entry with two extra routes for `pnpm bench:funnels`: `/bench/constant` answers a constant
// string of BENCH_CONSTANT_BYTES (the published page's size), the runtime's floor for a response of that size, and
// `/bench/page-html` the published page's HTML as a constant (BENCH_PAGE_HTML): the same bytes through the same
// local runtime without any of our code. Everything else goes to the real entry, in the same isolate.
import worker from '../src/worker';

type Bindings = Record<string, string | undefined>;
let constant: string | null = null;

export default {
  fetch(request: Request, bindings: Bindings, ctx: Parameters<typeof worker.fetch>[2]) {
    if (new URL(request.url).pathname === '/bench/constant') {
      constant ??= 'x'.repeat(Number(bindings.BENCH_CONSTANT_BYTES ?? 1024));
      return new Response(constant, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    if (new URL(request.url).pathname === '/bench/page-html') {
      return new Response(bindings.BENCH_PAGE_HTML ?? '', {
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
    }
    return worker.fetch(request, bindings, ctx);
  },
  queue: worker.queue,
};
