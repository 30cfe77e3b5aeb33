/**
 * The hcloud provider types synthesis emits: the generator script builds bindings for exactly these, and the
 * schema test checks the synthesized JSON against the full provider schema.
 */
export const HCLOUD_PROVIDER_SOURCE = 'registry.terraform.io/hetznercloud/hcloud';
export const HCLOUD_PROVIDER_VERSION = '1.68.0';
export const HCLOUD_RESOURCE_TYPES = [
  'hcloud_ssh_key',
  'hcloud_network',
  'hcloud_network_subnet',
  'hcloud_server',
  'hcloud_firewall',
  'hcloud_firewall_attachment',
  'hcloud_load_balancer',
  'hcloud_load_balancer_network',
  'hcloud_load_balancer_service',
  'hcloud_load_balancer_target',
  'hcloud_managed_certificate',
  'hcloud_zone_rrset',
] as const;
export const HCLOUD_DATA_SOURCE_TYPES = ['hcloud_network'] as const;
