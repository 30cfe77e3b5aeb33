import { createHash } from 'node:crypto';
import {
  type ApplicationSpec,
  type DesiredStateSpec,
  formatPath,
  type PlanIssue,
  PlanValidationError,
} from './schema';

/**
 * The deterministic port rule of reference §7.4, per instance: explicit ports are checked first (range, repeats,
 * reserved ports, other workloads), then every workload without ports takes `environment.PORT` or a port derived
 * from sha256("<instance>:<workload>") in 20000-29999. Node only (node:crypto), so `@mos/cloudhand/plan` does not
 * re-export it; the apply, the API and the CLI call it before synthesis.
 */

/** Ports the server itself owns. */
export const RESERVED_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'ssh'],
  [80, 'http'],
  [443, 'https'],
]);
export const AUTO_PORT_MIN = 20000;
export const AUTO_PORT_MAX = 29999;
const AUTO_PORT_SPAN = AUTO_PORT_MAX - AUTO_PORT_MIN + 1;

/** The first candidate of the rule: 20000 + int(sha256("{instance}:{workload}")[:8], 16) % 10000. */
export function preferredPort(instance: string, workload: string): number {
  const hex = createHash('sha256').update(`${instance}:${workload}`, 'utf8').digest('hex');
  return AUTO_PORT_MIN + (Number.parseInt(hex.slice(0, 8), 16) % AUTO_PORT_SPAN);
}

export interface AssignPortsOptions {
  /** Where the spec sits in the document the issue paths name; a plan's `new_spec` by default. */
  pathPrefix?: PropertyKey[];
}

type Path = PropertyKey[];

/** Explicit ports of a workload with the field each came from; a mos_worker's are its relay and funnel-proxy ports. */
function explicitPorts(w: ApplicationSpec, base: Path): { port: unknown; path: Path }[] {
  if (w.source_type === 'mos_worker' && w.mos_worker) {
    return [
      { port: w.mos_worker.relay_port, path: [...base, 'mos_worker', 'relay_port'] },
      { port: w.mos_worker.funnel_proxy_port, path: [...base, 'mos_worker', 'funnel_proxy_port'] },
    ];
  }
  return w.service_config.ports.map((port, k) => ({
    port,
    path: [...base, 'service_config', 'ports', k],
  }));
}

const validPort = (p: unknown): p is number =>
  typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535;

/**
 * Returns a copy of `spec` where every workload has `service_config.ports` and every workload that runs a process
 * of its own (not a funnel_publication, not a mos_worker, whose services get their ports by name) has
 * `environment.PORT`. Throws `PlanValidationError` with every conflict at its port field. Idempotent: the
 * result assigns to itself.
 */
export function assignPorts(spec: DesiredStateSpec, options: AssignPortsOptions = {}): DesiredStateSpec {
  const prefix = options.pathPrefix ?? ['new_spec'];
  const out = structuredClone(spec);
  const issues: PlanIssue[] = [];
  const fail = (path: Path, message: string) => issues.push({ path: formatPath(path), message });

  out.instances.forEach((inst, i) => {
    const owners = new Map<number, string>();
    const ownerText = (port: number) => {
      const reserved = RESERVED_PORTS.get(port);
      return reserved ? `reserved for ${reserved}` : `already used by workload "${owners.get(port)}"`;
    };
    const taken = (port: number) => RESERVED_PORTS.has(port) || owners.has(port);
    const conflict = (port: number, workload: string) =>
      `Port conflict on instance "${inst.name}": port ${port} of workload "${workload}" is ${ownerText(port)}`;

    // Pass 1: explicit ports.
    const before = issues.length;
    inst.workloads.forEach((w, j) => {
      const base = [...prefix, 'instances', i, 'workloads', j];
      const own = new Set<number>();
      for (const { port, path } of explicitPorts(w, base)) {
        if (!validPort(port)) {
          fail(path, 'must be a whole number between 1 and 65535');
          continue;
        }
        if (own.has(port)) {
          fail(path, `repeats port ${port} within workload "${w.name}"`);
          continue;
        }
        own.add(port);
        if (taken(port)) fail(path, conflict(port, w.name));
        else owners.set(port, w.name);
      }
      if (w.source_type === 'mos_worker' && w.mos_worker) {
        // Its nginx site routes to the relay and funnel-proxy ports; other explicit ports would be unused.
        const expected = [w.mos_worker.relay_port, w.mos_worker.funnel_proxy_port];
        const given = w.service_config.ports;
        if (given.length > 0 && (given.length !== 2 || given.some((p, k) => p !== expected[k])))
          fail(
            [...base, 'service_config', 'ports'],
            `must be empty on a mos_worker workload (its ports are mos_worker.relay_port and mos_worker.funnel_proxy_port: [${expected.join(', ')}])`,
          );
        w.service_config.ports = expected;
      }
    });
    if (issues.length > before) return;

    // Pass 2: workloads without ports, in plan order.
    inst.workloads.forEach((w, j) => {
      if (w.service_config.ports.length > 0) return;
      const base = [...prefix, 'instances', i, 'workloads', j];
      const envPath = [...base, 'service_config', 'environment', 'PORT'];
      const env = w.service_config.environment;
      const fromEnv = env.PORT;
      let port: number;
      if (fromEnv !== undefined) {
        if (typeof fromEnv !== 'string') {
          fail(
            envPath,
            `must be a literal port number, not a secret reference ("${fromEnv.secret}"): the port is planned before secrets are read`,
          );
          return;
        }
        const text = fromEnv.trim();
        const parsed = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
        if (!validPort(parsed)) {
          fail(envPath, `must be a port number between 1 and 65535 (got "${fromEnv}")`);
          return;
        }
        if (taken(parsed)) {
          fail(envPath, conflict(parsed, w.name));
          return;
        }
        port = parsed;
      } else {
        const start = preferredPort(inst.name, w.name);
        let found: number | null = null;
        for (let step = 0; step < AUTO_PORT_SPAN; step++) {
          const candidate = AUTO_PORT_MIN + ((start - AUTO_PORT_MIN + step) % AUTO_PORT_SPAN);
          if (!taken(candidate)) {
            found = candidate;
            break;
          }
        }
        if (found === null) {
          fail(
            [...base, 'service_config', 'ports'],
            `Port conflict on instance "${inst.name}": no free port in ${AUTO_PORT_MIN}-${AUTO_PORT_MAX} for workload "${w.name}"`,
          );
          return;
        }
        port = found;
      }
      owners.set(port, w.name);
      w.service_config.ports = [port];
      // Reference §7.4: a process of its own learns its port from PORT; a funnel publication is only an nginx site.
      // (An existing PORT is the port itself here, so the reference's "differs" case cannot arise.)
      if (w.source_type !== 'funnel_publication') env.PORT = String(port);
    });
  });

  if (issues.length > 0) throw new PlanValidationError(issues);
  return out;
}
