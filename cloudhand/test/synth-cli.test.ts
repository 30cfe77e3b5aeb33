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
});
