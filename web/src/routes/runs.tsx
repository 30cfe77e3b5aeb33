import { PlayCircleIcon } from 'lucide-react';
import { ComingNext } from './coming-next';

export default function RunsPage() {
  return (
    <ComingNext
      title="Runs"
      description="Every workflow run across clients, with live status."
      icon={PlayCircleIcon}
      next="The runs table with filters, live status, step timelines and review panels is being built. Runs waiting for you already appear in the Inbox."
    />
  );
}
