import { BriefsView, ExperimentSpecView, StrategySheetView } from '@/components/campaigns/artifact-views';
import { ArtifactView } from '@/components/review/artifact-view';
import { ReadableDocument } from './readable-document';
import { type ResearchStepData, ResearchStepView } from './research-step-view';

const specsOf = (data: unknown): Record<string, unknown>[] => {
  const specs = (data as { experimentSpecs?: unknown } | null)?.experimentSpecs;
  return Array.isArray(specs)
    ? specs.filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
    : [];
};

/**
 * A document as a reviewer reads it at its gate: the same view the client and campaign pages show for its type
 * (strategy sheet, experiments, briefs, research), the readable outline for the rest.
 */
export function DocumentView({ type, data }: { type: string; data: unknown }) {
  let view: React.ReactNode;
  switch (type) {
    case 'strategy_sheet':
      view = <StrategySheetView data={data} />;
      break;
    case 'asset_brief':
      view = <BriefsView data={data} />;
      break;
    case 'experiment_spec':
      view = (
        <div className="grid gap-4">
          {specsOf(data).map((spec, i) => (
            <article key={String(spec.id ?? i)} className="grid gap-2 rounded-md border p-4">
              <h3 className="font-semibold">{String(spec.name ?? spec.id ?? `Experiment ${i + 1}`)}</h3>
              <ExperimentSpecView spec={spec} />
            </article>
          ))}
        </div>
      );
      break;
    case 'research_step':
      view = <ResearchStepView data={(data ?? {}) as ResearchStepData} />;
      break;
    case 'client_canon':
    case 'metric_schema':
      view = <ReadableDocument data={data} />;
      break;
    default:
      return <ArtifactView data={data} />;
  }
  return (
    <div className="text-sm" data-testid="artifact-view">
      {view}
    </div>
  );
}
