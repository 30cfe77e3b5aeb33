import { BookOpenIcon } from 'lucide-react';
import { ComingNext } from './coming-next';

export default function PlaybookPage() {
  return (
    <ComingNext
      title="Playbook"
      description="What the agency has learned, section by section, with the reports it came from."
      icon={BookOpenIcon}
      next="Playbook sections, their sources and “Update now” are being built."
    />
  );
}
