import { SwatchBookIcon } from 'lucide-react';
import { ComingNext } from './coming-next';

export default function LibraryPage() {
  return (
    <ComingNext
      title="Library"
      description="Swipe files: ads worth learning from, saved to clients with notes."
      icon={SwatchBookIcon}
      next="Search, filters, media previews, saving to clients and ad-library imports are being built."
    />
  );
}
