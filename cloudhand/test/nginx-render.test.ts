/**
 * Every generated site variant goes through the real `nginx -t` (/usr/sbin/nginx, own prefix), alone and all of an
 * instance together (their http-level names must not clash); the renderers refuse values that could break out of
 * a directive, and combined mode refuses funnels as the original did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateRequests,
  NginxRenderError,
  type NginxSite,
  renderCombinedSite,
  renderFunnelSite,
  renderGitAppSite,
  renderMosWorkerSite,
  renderSites,
  type TlsLookup,
} from '../src/nginx/index';
import type { ApplicationSpec } from '../src/plan/index';
import { checkSites } from '../src/testing/nginx';
import { funnelApp, gitApp, instanceOf, mosWorker, selfSignedCert } from './support/nginx-fixtures';

let certDir: string;
let tls: TlsLookup;
beforeAll(() => {
  certDir = mkdtempSync(join(tmpdir(), 'ch-cert-'));
  const pair = selfSignedCert(certDir, 'shop.example.test');
  tls = () => pair;
});
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

const UP = 'http://127.0.0.1:8790';
const only = (instance: ReturnType<typeof instanceOf>) => {
  const w = instance.workloads[0];
  if (!w) throw new Error('no workload');
  return w;
};

async function expectNginxAccepts(build: Parameters<typeof checkSites>[0]) {
  const r = await checkSites(build);
  expect(r.output).toContain('test is successful');
  expect(r.ok).toBe(true);
}

describe('nginx -t accepts every generated variant', () => {
  const variants: [string, (p: { cacheDir: string; acmeWebroot: string }) => NginxSite[]][] = [
    [
      'git app with names',
      (p) =>
        [renderGitAppSite(only(instanceOf([gitApp('shop-api', [20001], ['api.example.test'])])), p)].filter(
          (s) => s !== null,
        ),
    ],
    [
      'git app without names',
      (p) => [renderGitAppSite(only(instanceOf([gitApp('app', [20002])])), p)].filter((s) => s !== null),
    ],
    [
      'git app with https, no certificate yet',
      (p) =>
        [renderGitAppSite(only(instanceOf([gitApp('app', [20002], ['a.example.test'], true)])), p)].filter(
          (s) => s !== null,
        ),
    ],
    [
      'git app with https and a certificate',
      (p) =>
        [
          renderGitAppSite(only(instanceOf([gitApp('app', [20002], ['a.example.test'], true)])), {
            ...p,
            tls,
          }),
        ].filter((s) => s !== null),
    ],
    [
      'combined',
      (p) =>
        renderSites(
          instanceOf([
            gitApp('backend-api', [20001], ['x.example.test']),
            gitApp('web-ui', [20002], ['y.example.test']),
            gitApp('admin', [20003]),
            gitApp('worker', []),
          ]),
          { ...p, mode: 'combined' },
        ),
    ],
    [
      'combined with https and a certificate',
      (p) =>
        renderSites(instanceOf([gitApp('api', [20001], ['x.example.test'], true), gitApp('ui', [20002])]), {
          ...p,
          mode: 'combined',
          tls,
        }),
    ],
    [
      'funnel with names',
      (p) => [
        renderFunnelSite(
          only(
            instanceOf([
              funnelApp('funnel-a', UP, { server_names: ['shop.example.test', 'www.shop.example.test'] }),
            ]),
          ),
          p,
        ),
      ],
    ],
    [
      'funnel without names',
      (p) => [
        renderFunnelSite(
          only(instanceOf([funnelApp('funnel-b', 'https://127.0.0.1:8443/base', { ports: [24567] })])),
          p,
        ),
      ],
    ],
    [
      'funnel with https, no certificate yet',
      (p) => [
        renderFunnelSite(
          only(instanceOf([funnelApp('funnel-c', UP, { server_names: ['shop.example.test'], https: true })])),
          p,
        ),
      ],
    ],
    [
      'funnel with TLS',
      (p) => [
        renderFunnelSite(
          only(instanceOf([funnelApp('funnel-d', UP, { server_names: ['shop.example.test'], https: true })])),
          { ...p, tls },
        ),
      ],
    ],
    [
      'mos_worker',
      (p) => [
        renderMosWorkerSite(only(instanceOf([mosWorker('relay.example.test', ['lp.example.test'])])), p),
      ],
    ],
    ['mos_worker without names', (p) => [renderMosWorkerSite(only(instanceOf([mosWorker(null, [])])), p)]],
    [
      'mos_worker with TLS',
      (p) => [
        renderMosWorkerSite(
          only(
            instanceOf([
              mosWorker('relay.example.test', ['lp.example.test', 'go.example.test'], { https: true }),
            ]),
          ),
          { ...p, tls },
        ),
      ],
    ],
    [
      'moved ports on loopback',
      (p) => [
        renderFunnelSite(
          only(instanceOf([funnelApp('funnel-e', UP, { server_names: ['shop.example.test'], https: true })])),
          { ...p, tls, listenAddress: '127.0.0.1', httpPort: 18080, httpsPort: 18443 },
        ),
      ],
    ],
    [
      'every kind on one instance, together',
      (p) =>
        renderSites(
          instanceOf([
            gitApp('app', [20001], ['app.example.test'], true),
            gitApp('app2', [20002]),
            funnelApp('funnel-a', UP, { server_names: ['shop.example.test'], https: true }),
            funnelApp('funnel_a', UP, { ports: [24001] }),
            funnelApp('funnel-b', UP, { ports: [24002] }),
            mosWorker('relay.example.test', ['lp.example.test'], { https: true }),
          ]),
          { ...p, mode: 'per-app', tls: (names) => (names.includes('app.example.test') ? null : tls(names)) },
        ),
    ],
  ];
  for (const [name, build] of variants) {
    it(name, async () => {
      await expectNginxAccepts(build);
    });
  }

  it('and refuses a broken site (the check can fail)', async () => {
    const r = await checkSites((p) => {
      const s = renderFunnelSite(
        only(instanceOf([funnelApp('funnel-a', UP, { server_names: ['a.example.test'] })])),
        p,
      );
      return [
        { name: s.name, content: s.content.replace('proxy_cache_lock on;', 'proxy_cache_lock maybe;') },
      ];
    });
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/proxy_cache_lock/);
  });
});

describe('site contents', () => {
  it('git app: first port, websocket upgrade, forwarded headers and the original timeouts', () => {
    const s = renderGitAppSite(
      only(instanceOf([gitApp('app', [20005, 20006], ['a.example.test', 'b.example.test'])])),
    );
    expect(s?.name).toBe('app');
    const c = s?.content ?? '';
    expect(c).toContain('listen 80;');
    expect(c).toContain('server_name a.example.test b.example.test;');
    expect(c).toContain('proxy_pass http://127.0.0.1:20005;');
    expect(c).not.toContain('20006');
    for (const d of [
      'proxy_set_header Upgrade $http_upgrade;',
      'proxy_set_header Host $host;',
      'proxy_set_header X-Real-IP $remote_addr;',
      'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      'proxy_set_header X-Forwarded-Proto $scheme;',
      'proxy_connect_timeout 60s;',
      'proxy_send_timeout 3600s;',
      'proxy_read_timeout 3600s;',
    ])
      expect(c).toContain(d);
    expect(renderGitAppSite(only(instanceOf([gitApp('app', [20005])])))?.content).toContain('server_name _;');
    expect(renderGitAppSite(only(instanceOf([gitApp('quiet', [])])))).toBeNull();
  });

  it('combined: ui app at the root, *api* at /api/, others at /<name>/ with the prefix stripped, names unioned', () => {
    const inst = instanceOf([
      gitApp('backend-api', [20001], ['x.example.test']),
      gitApp('other-api', [20004]),
      gitApp('web-ui', [20002], ['y.example.test', 'x.example.test']),
      gitApp('admin', [20003]),
    ]);
    const [s, ...rest] = renderSites(inst, { mode: 'combined' });
    expect(rest).toHaveLength(0);
    expect(s?.name).toBe('cloudhand');
    const c = s?.content ?? '';
    expect(c).toContain('server_name x.example.test y.example.test;');
    expect(c).toContain('client_max_body_size 25m;');
    expect(c).toMatch(/location \/ \{\n\s+proxy_pass http:\/\/127\.0\.0\.1:20002;/);
    expect(c).toMatch(/location \/api\/ \{\n\s+proxy_pass http:\/\/127\.0\.0\.1:20001\/;/);
    expect(c).toMatch(/location \/other-api\/ \{\n\s+proxy_pass http:\/\/127\.0\.0\.1:20004\/;/);
    expect(c).toMatch(/location \/admin\/ \{\n\s+proxy_pass http:\/\/127\.0\.0\.1:20003\/;/);
    // No `ui` workload: the first with ports is the root.
    const c2 =
      renderCombinedSite(
        instanceOf([gitApp('jobs', []), gitApp('site', [20010]), gitApp('api', [20011])]).workloads,
      )?.content ?? '';
    expect(c2).toMatch(/location \/ \{\n\s+proxy_pass http:\/\/127\.0\.0\.1:20010;/);
  });

  it('combined mode refuses funnel and mos_worker workloads with a reason', () => {
    const withFunnel = instanceOf([
      gitApp('ui', [20001]),
      funnelApp('funnel-a', UP, { server_names: ['a.example.test'] }),
    ]);
    expect(() => renderSites(withFunnel, { mode: 'combined' })).toThrow(
      expect.objectContaining({
        reason: 'funnel_in_combined_mode',
        message: expect.stringContaining('funnel-a'),
      }),
    );
    expect(() => renderSites(instanceOf([mosWorker('r.example.test', [])]), { mode: 'combined' })).toThrow(
      expect.objectContaining({ reason: 'mos_worker_in_combined_mode' }),
    );
  });

  it('funnel with names: Host passed through, cached pages, never /api/', () => {
    const c = renderFunnelSite(
      only(instanceOf([funnelApp('funnel-a', UP, { server_names: ['shop.example.test'] })])),
      { cacheDir: '/var/cache/x' },
    ).content;
    expect(c).toMatch(
      /^proxy_cache_path \/var\/cache\/x\/funnel-a levels=1:2 keys_zone=(ch_funnel_a_[0-9a-f]{8}):10m /m,
    );
    expect(c).toContain('proxy_set_header Host $host;');
    expect(c).toContain('proxy_cache_key $host$uri;');
    expect(c).toContain('add_header X-Cache-Status $upstream_cache_status always;');
    expect(c).toMatch(
      /location \^~ \/api\/ \{\n\s+proxy_pass http:\/\/127\.0\.0\.1:8790;\n\s+proxy_cache off;/,
    );
    expect(c).not.toContain('proxy_ignore_headers Set-Cookie');
    expect(c).not.toMatch(/proxy_cache_valid/);
    // Kept-open files only where the cache is read: never for the ACME webroot or the API.
    expect(c.match(/open_file_cache /g)).toHaveLength(1);
    expect(c).toMatch(/location \/ \{[^}]*\n\s+open_file_cache max=64 inactive=60s;/);
  });

  it('funnel without names: its own port, `_`, the public id path upstream and redirects mapped back', () => {
    const c = renderFunnelSite(
      only(
        instanceOf([
          funnelApp('funnel-b', 'https://edge.example.test/base', { ports: [24567], publicId: 'Pub_9' }),
        ]),
      ),
    ).content;
    expect(c).toContain('listen 24567;');
    expect(c).toContain('server_name _;');
    expect(c).toContain('proxy_pass https://edge.example.test/base/f/Pub_9/;');
    expect(c).toContain('proxy_pass https://edge.example.test/base/f/Pub_9/api/;');
    expect(c).toContain('proxy_set_header Host $proxy_host;');
    expect(c).toContain('proxy_ssl_server_name on;');
    expect(c).toContain('proxy_redirect /base/f/Pub_9/ /;');
    expect(c).toContain('proxy_cache_key $uri;');
    expect(() => renderFunnelSite(only(instanceOf([funnelApp('funnel-c', UP)])))).toThrow(
      expect.objectContaining({ reason: 'missing_port' }),
    );
  });

  it('TLS: 443 with the certificate, port 80 for the challenge and a redirect; without one, port 80 serves both', () => {
    const w = only(
      instanceOf([funnelApp('funnel-a', UP, { server_names: ['shop.example.test'], https: true })]),
    );
    const asked: string[][] = [];
    const withCert = renderFunnelSite(w, {
      acmeWebroot: '/srv/acme',
      tls: (names) => {
        asked.push([...names]);
        return { cert: '/etc/le/live/shop/fullchain.pem', key: '/etc/le/live/shop/privkey.pem' };
      },
    }).content;
    expect(asked).toEqual([['shop.example.test']]);
    expect(withCert).toContain('listen 443 ssl http2;');
    expect(withCert).toContain('ssl_certificate /etc/le/live/shop/fullchain.pem;');
    expect(withCert).toContain('ssl_protocols TLSv1.2 TLSv1.3;');
    expect(withCert).toMatch(/location \^~ \/\.well-known\/acme-challenge\/ \{\n\s+root \/srv\/acme;/);
    expect(withCert).toContain('return 301 https://$host$request_uri;');
    const port80 = withCert.slice(0, withCert.indexOf('listen 443'));
    expect(port80).not.toContain('proxy_pass');
    const noCert = renderFunnelSite(w, { acmeWebroot: '/srv/acme' }).content;
    expect(noCert).not.toContain('443');
    expect(noCert).toContain('root /srv/acme;');
    expect(noCert).toContain('proxy_pass http://127.0.0.1:8790;');
    // https without names cannot have a certificate: plain http, nothing asked.
    expect(certificateRequests(instanceOf([gitApp('a', [20001], [], true)]), { mode: 'per-app' })).toEqual(
      [],
    );
  });

  it('certificateRequests lists one name set per server block that wants TLS', () => {
    const inst = instanceOf([
      gitApp('app', [20001], ['app.example.test'], true),
      gitApp('plain', [20002], ['plain.example.test']),
      mosWorker('relay.example.test', ['lp.example.test', 'go.example.test'], { https: true }),
    ]);
    expect(certificateRequests(inst, { mode: 'per-app' })).toEqual([
      ['app.example.test'],
      ['relay.example.test'],
      ['lp.example.test', 'go.example.test'],
    ]);
  });

  it('mos_worker: relay host to the relay port, funnel names to the funnel proxy port with the cache', () => {
    const c = renderMosWorkerSite(
      only(
        instanceOf([
          mosWorker('relay.example.test', ['lp.example.test'], { relayPort: 9001, funnelPort: 9002 }),
        ]),
      ),
    ).content;
    const relay = c.slice(
      c.indexOf('server_name relay.example.test'),
      c.indexOf('server_name lp.example.test'),
    );
    expect(relay).toContain('proxy_pass http://127.0.0.1:9001;');
    expect(relay).not.toContain('proxy_cache ');
    const funnel = c.slice(c.indexOf('server_name lp.example.test'));
    expect(funnel).toContain('proxy_pass http://127.0.0.1:9002;');
    expect(funnel).toMatch(/proxy_cache ch_mos_worker_[0-9a-f]{8};/);
  });
});

describe('values never break out of a directive', () => {
  // Objects the plan model would refuse, as a caller that skipped it could pass them.
  const base = only(instanceOf([funnelApp('funnel-a', UP, { server_names: ['a.example.test'] })]));
  const tamper = (patch: (w: ApplicationSpec) => void) => {
    const w = structuredClone(base);
    patch(w);
    return w;
  };
  const cases: [string, () => unknown][] = [
    [
      'a server name with a directive',
      () =>
        renderFunnelSite(
          tamper((w) => {
            w.service_config.server_names = ['a.example.test; return 200 x'];
          }),
        ),
    ],
    [
      'an upstream with a variable',
      () =>
        renderFunnelSite(
          tamper((w) => {
            if (w.source_ref) w.source_ref.upstream_base_url = 'http://127.0.0.1:8790/$host';
          }),
        ),
    ],
    [
      'an upstream with a semicolon',
      () =>
        renderFunnelSite(
          tamper((w) => {
            if (w.source_ref) w.source_ref.upstream_base_url = 'http://127.0.0.1:8790/;deny all';
          }),
        ),
    ],
    [
      'an upstream with a brace in the host',
      () =>
        renderFunnelSite(
          tamper((w) => {
            if (w.source_ref) w.source_ref.upstream_base_url = 'http://a}b.example/';
          }),
        ),
    ],
    [
      'a public id with a quote',
      () =>
        renderFunnelSite(
          tamper((w) => {
            w.service_config.server_names = [];
            w.service_config.ports = [24000];
            if (w.source_ref) w.source_ref.public_id = 'x";';
          }),
        ),
    ],
    [
      'a port out of range',
      () =>
        renderGitAppSite({
          ...base,
          source_type: 'git',
          service_config: { ...base.service_config, ports: [70000] },
        }),
    ],
    [
      'a certificate path with a space',
      () =>
        renderFunnelSite(
          tamper((w) => {
            w.service_config.https = true;
          }),
          { tls: () => ({ cert: '/etc/x y.pem', key: '/k' }) },
        ),
    ],
    ['a cache dir with ..', () => renderFunnelSite(base, { cacheDir: '/var/../etc' })],
    [
      'a site name with a slash',
      () =>
        renderFunnelSite(
          tamper((w) => {
            w.name = '../etc';
          }),
        ),
    ],
    [
      'a listen address with a space',
      () => renderFunnelSite(base, { listenAddress: '127.0.0.1 default_server' }),
    ],
  ];
  for (const [name, run] of cases) {
    it(`refuses ${name}`, () => {
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(NginxRenderError);
      expect((err as NginxRenderError).reason).toBe('invalid_value');
    });
  }
});

describe('options', () => {
  it("take the apply step's layout as defaults, explicit options first", () => {
    const w = instanceOf([funnelApp('funnel-a', UP, { server_names: ['shop.example.test'], https: true })])
      .workloads[0] as ApplicationSpec;
    const layout = { httpPort: 8080, httpsPort: 8443, acmeWebroot: '/srv/acme', nginxCacheDir: '/srv/cache' };
    const c = renderFunnelSite(w, { layout, tls }).content;
    expect(c).toContain('listen 8080;');
    expect(c).toContain('listen 8443 ssl http2;');
    expect(c).toContain('root /srv/acme;');
    expect(c).toContain('proxy_cache_path /srv/cache/funnel-a ');
    expect(c).toContain('return 301 https://$host:8443$request_uri;');
    const own = renderFunnelSite(w, { layout, httpPort: 81, cacheDir: '/c' }).content;
    expect(own).toContain('listen 81;');
    expect(own).toContain('proxy_cache_path /c/funnel-a ');
    const plain = renderFunnelSite(w).content;
    expect(plain).toContain('listen 80;');
    expect(plain).toContain('root /var/www/letsencrypt;');
    expect(plain).toContain('proxy_cache_path /var/cache/nginx/cloudhand/funnel-a ');
  });
});
