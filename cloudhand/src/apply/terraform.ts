import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createMasker } from '../mask';
import { ApplyError, abortError } from './errors';
import { lineSplitter, StepLog } from './log';
import type { TerraformStepOptions, TerraformStepResult } from './types';

/** Checks TERRAFORM_BIN before anything runs; the error names the variable, so the fix is obvious. */
export async function checkTerraformBin(bin: string | undefined): Promise<string> {
  if (!bin?.trim())
    throw new ApplyError(
      'terraform_missing',
      'TERRAFORM_BIN is not set: point it at a terraform executable (e.g. TERRAFORM_BIN=/usr/local/bin/terraform)',
    );
  try {
    const s = await stat(bin);
    if (!s.isFile()) throw new Error('not a file');
    await access(bin, fsConstants.X_OK);
  } catch {
    throw new ApplyError(
      'terraform_missing',
      `TERRAFORM_BIN=${bin} is not an executable file: install terraform or fix TERRAFORM_BIN`,
    );
  }
  return bin;
}

/**
 * Terraform for a spec: writes cdk.tf.json, runs `init`, `apply` and `output -json` in the project's work folder
 * and returns the servers' IPs. The hcloud token and SSH key reach terraform only as TF_VAR_* in the child's env
 * (never argv); every output line is streamed masked.
 */
export async function terraformStep(opts: TerraformStepOptions): Promise<TerraformStepResult> {
  const bin = await checkTerraformBin(opts.terraformBin);
  const log = new StepLog(opts.reporter, createMasker([opts.hcloudToken]));
  let failed = false;
  try {
    const { writeTerraform } = await import('../synth/index');
    const file = await writeTerraform(opts.spec, opts.workDir);
    log.line('terraform', `Wrote ${file}`);
    const env = terraformEnv(process.env);
    env.TF_VAR_hcloud_token = opts.hcloudToken;
    env.TF_VAR_ssh_public_key = opts.sshPublicKey;
    const run = (args: string[], echo = true) =>
      runTerraform(bin, args, { cwd: opts.workDir, env, log, echo, signal: opts.signal });
    await run(['init', '-input=false']);
    await run(['apply', '-auto-approve', '-input=false']);
    const out = await run(['output', '-json'], false);
    const serverIps = parseServerIps(out);
    log.line(
      'terraform',
      `Servers: ${
        Object.entries(serverIps)
          .map(([n, ip]) => `${n}=${ip}`)
          .join(', ') || '(none)'
      }`,
    );
    return { serverIps };
  } catch (err) {
    failed = true;
    if (err instanceof ApplyError) log.line('terraform', err.message, 'error');
    throw err;
  } finally {
    await log.flush().catch((e: unknown) => {
      if (!failed) throw e;
    });
  }
}

const PASS_ENV =
  /^(PATH|HOME|USER|LANG|LC_[A-Z]+|TMPDIR|SSL_CERT_(FILE|DIR)|(HTTPS?|NO)_PROXY|(https?|no)_proxy|TF_(?!VAR_)[A-Z_]+)$/;

/**
 * terraform's environment: what it needs to run (PATH, HOME, proxies, its own TF_* settings) and nothing else, so
 * the calling process's secrets (a worker's DATABASE_URL, MOS_SECRETS_KEY) never reach it or its providers.
 */
export function terraformEnv(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(parent)) if (v !== undefined && PASS_ENV.test(k)) env[k] = v;
  env.TF_IN_AUTOMATION = '1';
  env.TF_INPUT = '0';
  return env;
}

/** `terraform output -json` → instance name → IPv4; anything else is a clear `terraform_output` error. */
export function parseServerIps(json: string): Record<string, string> {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new ApplyError('terraform_output', 'terraform output -json did not print JSON');
  }
  const value = (doc as { server_ips?: { value?: unknown } } | null)?.server_ips?.value;
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ApplyError('terraform_output', 'terraform output server_ips is not a map of instance → IP');
  const out: Record<string, string> = {};
  for (const [name, ip] of Object.entries(value)) {
    if (typeof ip !== 'string' || !ip)
      throw new ApplyError('terraform_output', `terraform output server_ips.${name} is not an IP address`);
    out[name] = ip;
  }
  return out;
}

function runTerraform(
  bin: string,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; log: StepLog; echo: boolean; signal?: AbortSignal },
): Promise<string> {
  const label = `terraform ${args.join(' ')}`;
  o.log.line('terraform', `$ ${label}`);
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(abortError());
    const child = spawn(bin, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let tail: string[] = [];
    const keep = (l: string) => {
      tail = [...tail.slice(-4), l];
    };
    const out = lineSplitter((l) => {
      if (o.echo) o.log.line('terraform', l);
    });
    const err = lineSplitter((l) => {
      keep(l);
      o.log.line('terraform', l, 'warn');
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const onAbort = () => child.kill('SIGTERM');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (e) => {
      o.signal?.removeEventListener('abort', onAbort);
      reject(new ApplyError('terraform_failed', `${label} could not start: ${e.message}`));
    });
    child.once('close', (code) => {
      o.signal?.removeEventListener('abort', onAbort);
      out.end();
      err.end();
      if (o.signal?.aborted) return reject(abortError());
      if (code !== 0)
        return reject(
          new ApplyError(
            'terraform_failed',
            `${label} failed (exit ${code})${tail.length ? `: ${o.log.mask(tail.join(' | '))}` : ''}`,
          ),
        );
      resolve(stdout);
    });
  });
}
