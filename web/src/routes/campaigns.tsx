import { MegaphoneIcon } from 'lucide-react';
import { ComingNext } from './coming-next';

export default function CampaignsPage() {
  return (
    <ComingNext
      title="Campaigns"
      description="Plan campaigns, review strategy, experiments, briefs and creative."
      icon={MegaphoneIcon}
      next="Campaign creation, planning with the readiness check, and the asset gallery with QA results are being built."
    />
  );
}
