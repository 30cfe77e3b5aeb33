import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TerraformCall {
  argv: string[];
  cwd: string;
  /** Names of the TF_VAR_* variables the call saw (never their values). */
  tfVars: string[];
}

export interface TerraformStandIn {
  /** The executable to use as TERRAFORM_BIN. */
  bin: string;
  /** JSON lines, one per call. */
  callsFile: string;
  calls(): Promise<TerraformCall[]>;
  remove(): Promise<void>;
}

export interface TerraformStandInOptions {
  /** The address every server gets in `server_ips` (default 127.0.0.1). */
  ip?: string;
  /** A command (`init`, `apply`, `output`) that exits 1, to test failures. */
  failOn?: 'init' | 'apply' | 'output';
}

/**
 * A terraform executable for tests (terraform's hcloud provider cannot be downloaded here): records each call and
 * prints what a real run prints, with `server_ips` from the config's hcloud_server resources; `apply` fails when
 * cdk.tf.json is not valid JSON. See stand-in-terraform.mjs.
 */
export async function terraformStandIn(opts: TerraformStandInOptions = {}): Promise<TerraformStandIn> {
  const dir = await mkdtemp(join(tmpdir(), 'ch-tf-'));
  const bin = join(dir, 'terraform');
  const callsFile = join(dir, 'calls.jsonl');
  await writeFile(callsFile, '');
  const script = fileURLToPath(new URL('./stand-in-terraform.mjs', import.meta.url));
  await writeFile(
    bin,
    [
      '#!/bin/sh',
      `export CH_TF_STANDIN_CALLS='${callsFile}'`,
      `export CH_TF_STANDIN_IP='${opts.ip ?? '127.0.0.1'}'`,
      `export CH_TF_STANDIN_FAIL='${opts.failOn ?? ''}'`,
      `exec '${process.execPath}' '${script}' "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(bin, 0o755);
  return {
    bin,
    callsFile,
    async calls() {
      const text = await readFile(callsFile, 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as TerraformCall);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
