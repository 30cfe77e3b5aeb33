import { SettingsIcon } from 'lucide-react';
import { ComingNext } from './coming-next';

export default function SettingsPage() {
  return (
    <ComingNext
      title="Settings"
      description="Organization, members and roles, and LLM usage."
      icon={SettingsIcon}
      next="Organization details, members and roles, and LLM usage over time are being built."
    />
  );
}
