import {
  BookOpenIcon,
  BuildingIcon,
  InboxIcon,
  LayoutTemplateIcon,
  type LucideIcon,
  MegaphoneIcon,
  PlayCircleIcon,
  ServerIcon,
  SettingsIcon,
  SwatchBookIcon,
} from 'lucide-react';

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Shown to admins only (the API refuses everyone else anyway). */
  adminOnly?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/inbox', label: 'Inbox', icon: InboxIcon },
  { to: '/clients', label: 'Clients', icon: BuildingIcon },
  { to: '/campaigns', label: 'Campaigns', icon: MegaphoneIcon },
  { to: '/runs', label: 'Runs', icon: PlayCircleIcon },
  { to: '/funnels', label: 'Funnels', icon: LayoutTemplateIcon },
  { to: '/library', label: 'Library', icon: SwatchBookIcon },
  { to: '/playbook', label: 'Playbook', icon: BookOpenIcon },
  { to: '/deploy', label: 'Deploy', icon: ServerIcon, adminOnly: true },
  { to: '/settings', label: 'Settings', icon: SettingsIcon },
];

/** The entries a member with `role` sees; while the role is loading, none of the admin-only ones. */
export function navItemsFor(role: string | undefined): readonly NavItem[] {
  return NAV_ITEMS.filter((item) => !item.adminOnly || role === 'admin');
}
