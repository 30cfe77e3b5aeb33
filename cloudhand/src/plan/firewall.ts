import type { ApplicationSpecInput, FirewallSpec, Plan } from './schema';

/**
 * Firewall rules the workloads need. The original had no firewalls, so a funnel publication without host names
 * was reachable on its own port (`http://<ip>:<port>/`); with a firewall in front, that port range must be open.
 */

export const AUTO_PORT_RANGE = '20000-29999';

type FirewallRule = FirewallSpec['rules'][number];

/** Inbound tcp on each port from anywhere (IPv4 and IPv6). */
export function inboundTcp(ports: (number | string)[]): FirewallRule[] {
  return ports.flatMap((port) => [
    { direction: 'in' as const, protocol: 'tcp' as const, port, cidr: '0.0.0.0/0' },
    { direction: 'in' as const, protocol: 'tcp' as const, port, cidr: '::/0' },
  ]);
}

/** A funnel publication without host names is served on its deterministic port (20000-29999). */
export const servesOnOwnPort = (w: ApplicationSpecInput): boolean =>
  w.source_type === 'funnel_publication' && (w.service_config?.server_names ?? []).length === 0;

/**
 * Opens 20000-29999 on the firewalls guarding `instanceName` when one of its workloads serves on its own port and
 * the firewall does not open that range yet. Returns the names of the firewalls changed (the plan is changed in place).
 */
export function openOwnPortRange(plan: Plan, instanceName: string): string[] {
  const instance = plan.new_spec.instances.find((i) => i.name === instanceName);
  if (!instance?.workloads.some(servesOnOwnPort)) return [];
  const changed: string[] = [];
  for (const fw of plan.new_spec.firewalls) {
    if (!fw.targets.some((t) => t.type === 'server' && t.selector === instanceName)) continue;
    const open = fw.rules.some(
      (r) => r.direction === 'in' && r.protocol === 'tcp' && String(r.port) === AUTO_PORT_RANGE,
    );
    if (open) continue;
    fw.rules.push(...inboundTcp([AUTO_PORT_RANGE]));
    changed.push(fw.name);
  }
  return changed;
}
