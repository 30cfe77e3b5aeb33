/**
 * TEMPORARY (issue 11): the experiment, snapshot and connector procedures are being built on other branches at the
 * same time. Until they are merged into the AppRouter, their shapes (from /work/exp-map.md) are written here, once,
 * and `pendingApi` is the tRPC binding seen through them. Delete this file when the router has them: replace
 * `pendingApi.` with `trpc.` and these types with `RouterOutputs[...]`.
 */
import type {
  AppliedChanges,
  ConnectorPullSummary,
  CsvRowError,
  DecisionMetricId,
  ExperimentPlan,
  ExperimentReading,
  Guardrail,
  MetaConnectorSettings,
  SnapshotCsvMapping,
} from '@mos/db/contracts';
import type { AppRouter } from '@mos/worker-api';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { TRPCClientErrorLike } from '@trpc/client';
import { type RouterOutputs, trpc } from '@/lib/trpc';

type ApiError = TRPCClientErrorLike<AppRouter>;
interface QueryOpts<O> {
  enabled?: boolean;
  refetchInterval?: number | false | ((q: { state: { data: O | undefined } }) => number | false);
  refetchOnMount?: boolean | 'always';
  meta?: { silent?: boolean };
}
interface Query<I, O> {
  useQuery(input: I, opts?: QueryOpts<O>): UseQueryResult<O, ApiError>;
}
interface Mutation<I, O> {
  useMutation(opts?: { meta?: { silent?: boolean } }): UseMutationResult<O, ApiError, I>;
}
interface Invalidate<I> {
  invalidate(input?: I): Promise<void>;
}

export interface ExperimentPhaseItem {
  phase: number;
  plan: ExperimentPlan;
  reason: string;
  startedAt: string;
  endedAt: string | null;
}

/** experiments.get with what the design helper adds: the locked plan, the phase in force and every phase. */
export type ExperimentDetail = Omit<RouterOutputs['experiments']['get'], 'plan'> & {
  plan: ExperimentPlan | null;
  phase: number;
  planLockedAt: string | null;
  phases: ExperimentPhaseItem[];
};

export interface ReadingItem {
  poll: number;
  readAt: string;
  phase: number;
  data: ExperimentReading;
}

export interface DecisionItem {
  id: string;
  phase: number;
  action: 'ship' | 'stop' | 'continue';
  reason: string;
  winningArmId: string | null;
  rationale: string;
  status: 'proposed' | 'approved' | 'rejected' | 'applied';
  approvalId: string | null;
  /** The cycle run whose gate holds the decision: the inbox item (`/runs/:id`). */
  workflowRunId?: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  feedback: string | null;
  applied: AppliedChanges | null;
  appliedAt: string | null;
  reportArtifactId: string | null;
  createdAt: string;
}

export type StopRuleKind = ExperimentPlan['stopRule']['kind'];

export interface ChangePlanInput {
  id: string;
  reason: string;
  mde?: number;
  guardrails?: Guardrail[];
  stopRule?: StopRuleKind;
  primaryMetric?: DecisionMetricId;
}

export interface StartCycleInput {
  experimentId: string;
  pollSeconds?: number;
  stopRule?: ExperimentPlan['stopRule'];
}

/** A CSV as parsed in the browser: the API never sees the file, only its cells. */
export interface CsvPayload {
  clientId: string;
  experimentId?: string;
  fileName: string;
  headers: string[];
  rows: { line: number; cells: Record<string, string> }[];
}

export interface CsvPreviewRow {
  line: number;
  values: Record<string, string | number | null>;
  assetId: string | null;
  armId: string | null;
  error: string | null;
}

export interface CsvPreview {
  mapping: SnapshotCsvMapping;
  rows: CsvPreviewRow[];
  errors: CsvRowError[];
  totalRows: number;
  validRows: number;
}

export interface CsvImportResult {
  importId: string;
  imported: number;
  revised: number;
  errors: CsvRowError[];
}

export interface SnapshotImportItem {
  id: string;
  fileName: string;
  experimentId: string | null;
  rowsImported: number;
  rowsRevised: number;
  errors: CsvRowError[];
  createdAt: string;
}

export interface ConnectorsView {
  meta: {
    settings: MetaConnectorSettings;
    enabled: boolean;
    lastPulledAt: string | null;
    lastResult: ConnectorPullSummary | null;
  } | null;
  secretNames: string[];
}

interface PendingApi {
  experiments: {
    get: Query<{ id: string }, ExperimentDetail>;
    readings: Query<{ id: string; phase?: number }, { items: ReadingItem[] }>;
    decisions: Query<{ id: string }, { items: DecisionItem[] }>;
    changePlan: Mutation<ChangePlanInput, unknown>;
    startCycle: Mutation<StartCycleInput, { runId: string; workflowId: string }>;
  };
  snapshots: {
    previewCsv: Mutation<CsvPayload & { mapping?: SnapshotCsvMapping }, CsvPreview>;
    importCsv: Mutation<
      CsvPayload & { mapping: SnapshotCsvMapping; skipInvalidRows?: boolean },
      CsvImportResult
    >;
    imports: Query<{ clientId: string }, { items: SnapshotImportItem[] }>;
  };
  connectors: {
    get: Query<{ clientId: string }, ConnectorsView>;
    upsertMeta: Mutation<{ clientId: string; settings: MetaConnectorSettings; enabled: boolean }, unknown>;
    remove: Mutation<{ clientId: string; platform: 'meta' }, unknown>;
  };
}

interface PendingUtils {
  experiments: {
    get: Invalidate<{ id: string }>;
    readings: Invalidate<{ id: string }>;
    decisions: Invalidate<{ id: string }>;
  };
  snapshots: { imports: Invalidate<{ clientId: string }> };
  connectors: { get: Invalidate<{ clientId: string }> };
}

export const pendingApi = trpc as unknown as PendingApi;
export const usePendingUtils = () => trpc.useUtils() as unknown as PendingUtils;
