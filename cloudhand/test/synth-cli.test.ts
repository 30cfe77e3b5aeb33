// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions, not JS templates
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize } from '@mos/cloudhand/synth';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../src/cli';
import { bootstrapPlan } from '../src/plan/bootstrap';
import { assignPorts } from '../src/plan/ports';
import { checkTerraformJson } from './support/terraform-schema';

describe('ch synth', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the plan’s Terraform (ports assigned) where --out says and prints its path', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ch-synth-cli-'));
    const plan = bootstrapPlan({
      workload: {
        name: 'shop',
        repo_url: 'https://github.com/acme/shop.git',
        service_config: { command: 'npm start' },
      },
    });
    await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir };

    expect(await runCli(['synth', 'plan.json', '--out', 'tf'], io)).toBe(0);
    const path = join(dir, 'tf', 'cdk.tf.json');
    expect(out.join('')).toBe(`${path}\n`);
    expect(err.join('')).toBe('');
    const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(doc).toEqual(synthesize(assignPorts(plan.new_spec)));
    expect(checkTerraformJson(doc)).toEqual([]);
  });

  const httpsPlan = (port: Record<string, unknown>) => {
    const plan = bootstrapPlan({
      workload: {
        name: 'shop',
        repo_url: 'https://github.com/acme/shop.git',
        service_config: { command: 'npm start' },
      },
    });
    const server = plan.new_spec.instances[0]?.name ?? '';
    return {
      ...plan,
      new_spec: {
        ...plan.new_spec,
        load_balancers: [{ name: 'shop', ports: [port], targets: [{ type: 'server', selector: server }] }],
      },
    };
  };

  it('an https load balancer: its managed certificate, and the service terminating TLS with it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ch-synth-cli-'));
    const io: CliIo = { stdout: () => {}, stderr: () => {}, env: {}, cwd: dir };
    const port = {
      port: 443,
      protocol: 'https',
      certificate_domains: ['shop.example.com', 'www.shop.example.com'],
      redirect_http: true,
    };
    await writeFile(join(dir, 'plan.json'), JSON.stringify(httpsPlan(port)));
    expect(await runCli(['validate', 'plan.json'], io)).toBe(0);
    expect(await runCli(['synth', 'plan.json', '--out', 'tf'], io)).toBe(0);
    const doc = JSON.parse(await readFile(join(dir, 'tf', 'cdk.tf.json'), 'utf8')) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.resource.hcloud_managed_certificate?.shop_443).toMatchObject({
      name: expect.stringMatching(/^shop-443-[0-9a-f]{8}$/),
      domain_names: ['shop.example.com', 'www.shop.example.com'],
    });
    expect(doc.resource.hcloud_load_balancer_service?.shop_443).toMatchObject({
      protocol: 'https',
      listen_port: 443,
      destination_port: 80,
      http: { certificates: ['${hcloud_managed_certificate.shop_443.id}'], redirect_http: true },
    });
    expect(checkTerraformJson(doc)).toEqual([]);
  });

  it('an https port without certificate domains: the field named, exit 1, no Terraform written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ch-synth-cli-'));
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir };
    await writeFile(join(dir, 'plan.json'), JSON.stringify(httpsPlan({ port: 443, protocol: 'https' })));
    const issue = 'new_spec.load_balancers[0].ports[0].certificate_domains: is required for an https port\n';
    expect(await runCli(['validate', 'plan.json'], io)).toBe(1);
    expect(err.join('')).toBe(issue);
    err.length = 0;
    expect(await runCli(['synth', 'plan.json', '--out', 'tf'], io)).toBe(1);
    expect(err.join('')).toBe(issue);
    expect(out.join('')).toBe('');
    expect(existsSync(join(dir, 'tf'))).toBe(false);
  });
});
