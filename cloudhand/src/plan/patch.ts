import { openOwnPortRange } from './firewall';
import {
  ApplicationSpec,
  issuesOf,
  type Plan,
  type PlanInput,
  type PlanIssue,
  PlanValidationError,
  parsePlan,
} from './schema';

/**
 * Reference §8 `patch_workload_in_plan`, pure: the caller decides whether the result replaces the plan (the CLI's
 * `--in-place`) or becomes a new plan file or version (the API stores a new version).
 */

export type PlanPatchErrorReason =
  | 'invalid_patch'
  | 'workload_not_found'
  | 'instance_not_found'
  | 'instance_required'
  | 'no_instances';

/** A patch that cannot be applied; `issues` in the shape of `PlanValidationError`'s, at the field concerned. */
export class PlanPatchError extends Error {
  constructor(
    readonly reason: PlanPatchErrorReason,
    readonly issues: PlanIssue[],
  ) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'PlanPatchError';
  }
}

export interface PatchWorkloadOptions {
  /** Only this instance is searched, and a created workload goes here. */
  instanceName?: string | null;
  createIfMissing?: boolean;
}

export interface PatchWorkloadResult {
  plan: Plan;
  /** How many workloads were merged with the patch (0 when one was created). */
  updatedCount: number;
  created: boolean;
  /** The instance of the created workload, or of the first updated one. */
  instance: string;
  /** Every instance a workload was updated or created on. */
  instances: string[];
  /** Firewalls that now open 20000-29999 because a funnel without host names is served on its own port. */
  firewallsOpened: string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge recursively; lists, scalars and null replace (the original's deep merge). */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = { ...structuredClone(base) };
  for (const [key, value] of Object.entries(patch)) {
    // Own keys only, so a `__proto__` key in JSON cannot reach the prototype.
    Object.defineProperty(out, key, {
      value: Object.hasOwn(out, key) ? deepMerge(out[key], value) : structuredClone(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function patchWorkload(
  plan: Plan | PlanInput,
  patch: unknown,
  options: PatchWorkloadOptions = {},
): PatchWorkloadResult {
  const base = parsePlan(plan);
  if (!isPlainObject(patch))
    throw new PlanPatchError('invalid_patch', [{ path: 'patch', message: 'must be a workload object' }]);
  const name = typeof patch.name === 'string' ? patch.name.trim() : '';
  if (!name)
    throw new PlanPatchError('invalid_patch', [
      { path: 'patch.name', message: 'is required (the workload to patch or create)' },
    ]);
  const namedPatch = { ...patch, name };

  const next = structuredClone(base);
  const instanceName = options.instanceName?.trim() || null;
  if (instanceName && !next.new_spec.instances.some((i) => i.name === instanceName))
    throw new PlanPatchError('instance_not_found', [
      { path: 'instance_name', message: `No instance named "${instanceName}" in plan` },
    ]);

  const issues: PlanIssue[] = [];
  const touched: string[] = [];
  let updatedCount = 0;
  next.new_spec.instances.forEach((inst, i) => {
    if (instanceName && inst.name !== instanceName) return;
    inst.workloads.forEach((w, j) => {
      if (w.name !== name) return;
      const merged = ApplicationSpec.safeParse(deepMerge(w, namedPatch));
      if (!merged.success) {
        issues.push(...issuesOf(merged.error, ['new_spec', 'instances', i, 'workloads', j]));
        return;
      }
      inst.workloads[j] = merged.data;
      updatedCount++;
      if (!touched.includes(inst.name)) touched.push(inst.name);
    });
  });
  if (issues.length > 0) throw new PlanValidationError(issues);

  let created = false;
  if (updatedCount === 0) {
    if (!options.createIfMissing)
      throw new PlanPatchError('workload_not_found', [
        { path: 'patch.name', message: `No workload named "${name}" found in plan` },
      ]);
    const instances = next.new_spec.instances;
    let index: number;
    if (instanceName) index = instances.findIndex((i) => i.name === instanceName);
    else if (instances.length === 1) index = 0;
    else if (instances.length === 0)
      throw new PlanPatchError('no_instances', [
        { path: 'new_spec.instances', message: 'plan has no instance to create the workload on' },
      ]);
    else
      throw new PlanPatchError('instance_required', [
        { path: 'instance_name', message: 'instance_name is required when plan contains multiple instances' },
      ]);
    const target = instances[index];
    if (!target) throw new Error('unreachable: the instance index was checked above');
    const full = ApplicationSpec.safeParse(namedPatch);
    if (!full.success)
      throw new PlanValidationError(
        issuesOf(full.error, ['new_spec', 'instances', index, 'workloads', target.workloads.length]),
      );
    target.workloads.push(full.data);
    touched.push(target.name);
    created = true;
  }

  const firewallsOpened = touched.flatMap((name) => openOwnPortRange(next, name));
  // The whole plan again: limits and cross-references hold for the result too.
  const result = parsePlan(next);
  return {
    plan: result,
    updatedCount,
    created,
    instance: touched[0] ?? '',
    instances: touched,
    firewallsOpened,
  };
}
