// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions and apt placeholders, not JS templates
import { HCLOUD_DATA_SOURCE_TYPES, HCLOUD_RESOURCE_TYPES, synthesize } from '@mos/cloudhand/synth';
import { describe, expect, it } from 'vitest';
import { staleBindings } from '../scripts/generate-hcloud';
import { ALL_PLANS, httpsLoadBalancerPlan, loadBalancerPlan, twoServersPlan } from './support/synth-plans';
import { checkTerraformJson, loadProviderSchema } from './support/terraform-schema';

const schema = loadProviderSchema();

describe('synthesized Terraform against the hcloud 1.68.0 provider schema', () => {
  it.each(Object.entries(ALL_PLANS))(
    '%s: every type, attribute, block and reference exists with its type',
    (_n, plan) => {
      const doc = synthesize(plan);
      expect(checkTerraformJson(doc, schema)).toEqual([]);
    },
  );

  it('uses exactly the resource and data-source types the bindings are generated for', () => {
    const used = { resource: new Set<string>(), data: new Set<string>() };
    for (const plan of Object.values(ALL_PLANS)) {
      const doc = synthesize(plan) as Record<string, Record<string, unknown> | undefined>;
      for (const t of Object.keys(doc.resource ?? {})) used.resource.add(t);
      for (const t of Object.keys(doc.data ?? {})) used.data.add(t);
    }
    expect([...used.resource].sort()).toEqual([...HCLOUD_RESOURCE_TYPES].sort());
    expect([...used.data].sort()).toEqual([...HCLOUD_DATA_SOURCE_TYPES].sort());
  });

  it('the committed bindings are what the generator makes from the committed schema', async () => {
    expect(await staleBindings()).toEqual([]);
  }, 60_000);
});

// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary paths of the JSON document
type AnyDoc = Record<string, any>;

/** A valid document to break one way at a time; the checker must name each defect. */
let valid: AnyDoc | null = null;
function broken(mutate: (doc: AnyDoc) => void): string[] {
  valid ??= synthesize(loadBalancerPlan) as AnyDoc;
  const doc = structuredClone(valid);
  mutate(doc);
  return checkTerraformJson(doc, schema);
}

describe('the schema checker catches what terraform validate would', () => {
  it('accepts the untouched document', () => {
    expect(broken(() => {})).toEqual([]);
  });

  it.each<[string, (doc: AnyDoc) => void, RegExp]>([
    [
      'an unknown resource type',
      (d) => (d.resource.hcloud_servers = { x: { name: 'x' } }),
      /resource\.hcloud_servers: is not a resource type/,
    ],
    [
      'an unknown data source',
      (d) => (d.data = { hcloud_netwrk: { x: { name: 'x' } } }),
      /data\.hcloud_netwrk: is not a data source type/,
    ],
    [
      'an unknown attribute',
      (d) => (d.resource.hcloud_server.app_1.server_size = 'cx23'),
      /hcloud_server\.app_1\.server_size: is not an attribute or block/,
    ],
    [
      'a computed-only attribute',
      (d) => (d.resource.hcloud_server.app_1.ipv4_address = '1.2.3.4'),
      /ipv4_address: is computed by the provider/,
    ],
    [
      'a missing required attribute',
      (d) => delete d.resource.hcloud_server.app_1.server_type,
      /hcloud_server\.app_1\.server_type: is required/,
    ],
    [
      'a missing required nested attribute',
      (d) => (d.resource.hcloud_load_balancer_service.front_80.health_check = [{ port: 80 }]),
      /health_check\[0\]\.interval: is required/,
    ],
    [
      'a string where a map is expected',
      (d) => (d.resource.hcloud_network.lan.labels = 'a=b'),
      /hcloud_network\.lan\.labels: is the string "a=b", expected \["map","string"\]/,
    ],
    [
      'a non-numeric string for a number',
      (d) => (d.resource.hcloud_load_balancer_service.front_80.listen_port = 'eighty'),
      /listen_port: is the string "eighty", expected "number"/,
    ],
    [
      'a number for a string',
      (d) => (d.resource.hcloud_server.app_1.server_type = 23),
      /server_type: is 23, expected string/,
    ],
    [
      'a list element of the wrong type',
      (d) => (d.resource.hcloud_server.app_1.ssh_keys = [true]),
      /ssh_keys\[0\]: is true, expected string/,
    ],
    [
      'a block written as a string',
      (d) => (d.resource.hcloud_server.app_1.network = 'lan'),
      /network: is a set block and must be an object or a list of objects/,
    ],
    [
      'too many blocks',
      (d) => (d.resource.hcloud_load_balancer.front.algorithm = [{ type: 'a' }, { type: 'b' }]),
      /algorithm: has 2 blocks, at most 1/,
    ],
    [
      'a reference to a missing resource',
      (d) => (d.resource.hcloud_server.app_1.ssh_keys = ['${hcloud_ssh_key.other.id}']),
      /\$\{hcloud_ssh_key\.other\.id\}: names no resource/,
    ],
    [
      'a reference to a missing attribute',
      (d) => (d.output.server_ips.value['app-1'] = '${hcloud_server.app_1.ip}'),
      /hcloud_server has no attribute ip/,
    ],
    [
      'a reference to a missing variable',
      (d) => (d.provider.hcloud[0].token = '${var.token}'),
      /\$\{var\.token\}: names no variable/,
    ],
    [
      'unescaped template syntax',
      (d) => (d.resource.hcloud_server.app_1.user_data = 'x ${distro_id} y'),
      /\$\{distro_id\}: is not a resource attribute reference/,
    ],
    [
      'a template directive',
      (d) => (d.resource.hcloud_server.app_1.user_data = 'x %{ if true }y%{ endif }'),
      /user_data: has a template directive/,
    ],
    [
      'a reference of the wrong shape',
      (d) => (d.resource.hcloud_server.app_1.name = '${hcloud_server.app_1.ssh_keys}'),
      /reference of type \["list","string"\] cannot be "string"/,
    ],
    [
      'depends_on naming nothing',
      (d) => (d.resource.hcloud_server.app_1.depends_on = ['hcloud_network_subnet.wan']),
      /depends_on: names nothing in the document: hcloud_network_subnet\.wan/,
    ],
    [
      'ignore_changes naming no attribute',
      (d) => (d.resource.hcloud_server.app_1.lifecycle.ignore_changes = ['userdata']),
      /ignore_changes: userdata is not an attribute/,
    ],
    [
      'a provider from another source',
      (d) => (d.terraform.required_providers.hcloud.source = 'hashicorp/hcloud'),
      /required_providers\.hcloud: source hashicorp\/hcloud/,
    ],
  ])('%s', (_name, mutate, problem) => {
    const problems = broken(mutate);
    expect(
      problems.some((p) => problem.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('accepts a block written as one object (HCL JSON) and checks what is inside it', () => {
    const one = broken((d) => (d.resource.hcloud_server.app_1.network = { network_id: 1 }));
    expect(one).toEqual([]);
    const inside = broken((d) => (d.resource.hcloud_server.app_1.network = { network: 1 }));
    expect(inside).toContain(
      'resource.hcloud_server.app_1.network[0].network: is not an attribute or block of the type',
    );
  });

  it('checks an https service and its managed certificate', () => {
    const https = synthesize(httpsLoadBalancerPlan) as AnyDoc;
    expect(checkTerraformJson(https, schema)).toEqual([]);
    const problems = (mutate: (doc: AnyDoc) => void) => {
      const doc = structuredClone(https);
      mutate(doc);
      return checkTerraformJson(doc, schema);
    };
    expect(
      problems(
        (d) =>
          (d.resource.hcloud_load_balancer_service.shop_443.http.certificates = [
            '${hcloud_managed_certificate.nope.id}',
          ]),
      ),
    ).toContain(
      'resource.hcloud_load_balancer_service.shop_443.http[0].certificates[0]: ${hcloud_managed_certificate.nope.id}: names no resource or data source of the document',
    );
    expect(
      problems((d) => (d.resource.hcloud_load_balancer_service.shop_443.http.redirect_http = 'yes')),
    ).toContain(
      'resource.hcloud_load_balancer_service.shop_443.http[0].redirect_http: is the string "yes", expected "bool"',
    );
    expect(
      problems((d) => {
        const svc = d.resource.hcloud_load_balancer_service.shop_443;
        svc.http = [svc.http, svc.http];
      }),
    ).toContain('resource.hcloud_load_balancer_service.shop_443.http: has 2 blocks, at most 1 allowed');
    // The lb: DNS records name the load balancer's own address attributes, not a server's.
    expect(https.resource.hcloud_zone_rrset.example_com_shop_aaaa.records).toEqual([
      { value: '${hcloud_load_balancer.shop.ipv6}' },
    ]);
    expect(
      problems(
        (d) =>
          (d.resource.hcloud_zone_rrset.example_com_shop_a.records = [
            { value: '${hcloud_load_balancer.shop.ipv4_address}' },
          ]),
      ),
    ).toContain(
      'resource.hcloud_zone_rrset.example_com_shop_a.records[0].value: ${hcloud_load_balancer.shop.ipv4_address}: hcloud_load_balancer has no attribute ipv4_address',
    );
    expect(problems((d) => delete d.resource.hcloud_managed_certificate.shop_443.domain_names)).toContain(
      'resource.hcloud_managed_certificate.shop_443.domain_names: is required',
    );
    expect(problems((d) => (d.resource.hcloud_managed_certificate.shop_443.fingerprint = 'ab:cd'))).toContain(
      'resource.hcloud_managed_certificate.shop_443.fingerprint: is computed by the provider and cannot be set',
    );
  });

  it('checks nested attribute types (zone rrset records) field by field', () => {
    const doc = structuredClone(synthesize(twoServersPlan)) as AnyDoc;
    doc.resource.hcloud_zone_rrset = {
      x: {
        zone: 'example.com',
        name: 'a',
        type: 'A',
        records: [{ value: '1.2.3.4', weight: 1 }, { comment: 'no value' }],
      },
    };
    const problems = checkTerraformJson(doc, schema);
    expect(problems).toContain(
      'resource.hcloud_zone_rrset.x.records[0].weight: is not an attribute or block of the type',
    );
    expect(problems).toContain('resource.hcloud_zone_rrset.x.records[1].value: is required');
  });
});
