import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktn';
import { DesiredStateSpec, type DesiredStateSpecInput, issuesOf, PlanValidationError } from '../plan/schema';
import { buildStack, type SynthOptions } from './stack';

/**
 * Terraform synthesis (SPEC §8): a plan's DesiredStateSpec → the cdk.tf.json document, built with cdktn from the
 * hcloud bindings generated offline (src/generated/hcloud, see scripts/generate-hcloud.ts). Node only.
 */
export {
  autoRebootDefault,
  cloudConfig,
  cloudInit,
  cloudInitPackages,
  escapeTerraformTemplate,
  type MaintenanceSettings,
  maintenanceFor,
  runtimeNeeds,
} from './cloud-init';
export { HCLOUD_DATA_SOURCE_TYPES, HCLOUD_PROVIDER_VERSION, HCLOUD_RESOURCE_TYPES } from './hcloud-types';
export {
  defaultSubnet,
  dnsValue,
  HCLOUD_VERSION_CONSTRAINT,
  normalizeCidr,
  type SynthOptions,
} from './stack';
export { toYaml, type YamlValue } from './yaml';

/** A cdk.tf.json document (Terraform JSON configuration syntax). */
export type TerraformJson = Record<string, unknown>;

const STACK = 'cloudhand';
export const TERRAFORM_FILE = 'cdk.tf.json';

/**
 * The Terraform JSON document of `spec`, offline: a cdktn App synthesizes the stack into a temporary folder (its
 * validations and aspects run as in `cdktn synth`) and the document is read back.
 */
export function synthesize(spec: DesiredStateSpecInput, options: SynthOptions = {}): TerraformJson {
  // Parsing again is idempotent for a parsed spec and fills defaults and checks cross-references for any other.
  const parsed = DesiredStateSpec.safeParse(spec);
  if (!parsed.success) throw new PlanValidationError(issuesOf(parsed.error, ['new_spec']));
  const outdir = mkdtempSync(join(tmpdir(), 'ch-synth-'));
  try {
    const app = new App({ outdir });
    buildStack(new TerraformStack(app, STACK), parsed.data, options);
    app.synth();
    return JSON.parse(readFileSync(join(outdir, 'stacks', STACK, TERRAFORM_FILE), 'utf8')) as TerraformJson;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Writes `<workDir>/cdk.tf.json` (creating workDir) for `terraform init/apply` to run in; returns its path. */
export async function writeTerraform(
  spec: DesiredStateSpecInput,
  workDir: string,
  options: SynthOptions = {},
): Promise<string> {
  const doc = synthesize(spec, options);
  await mkdir(workDir, { recursive: true });
  const path = join(workDir, TERRAFORM_FILE);
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`);
  return path;
}
