import {
  BookOpenIcon,
  BuildingIcon,
  InboxIcon,
  LayoutTemplateIcon,
  type LucideIcon,
  MegaphoneIcon,
  PlayCircleIcon,
  SettingsIcon,
  SwatchBookIcon,
} from 'lucide-react';

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/inbox', label: 'Inbox', icon: InboxIcon },
  { to: '/clients', label: 'Clients', icon: BuildingIcon },
  { to: '/campaigns', label: 'Campaigns', icon: MegaphoneIcon },
  { to: '/runs', label: 'Runs', icon: PlayCircleIcon },
  { to: '/funnels', label: 'Funnels', icon: LayoutTemplateIcon },
  { to: '/library', label: 'Library', icon: SwatchBookIcon },
  { to: '/playbook', label: 'Playbook', icon: BookOpenIcon },
  { to: '/settings', label: 'Settings', icon: SettingsIcon },
];
