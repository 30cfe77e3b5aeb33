import type {
  DeployLogLevel,
  DeployPlanSource,
  DeployRunKind,
  DeployRunStatus,
  DeployStep,
} from '@mos/db/contracts';

/**
 * What the deploy components draw, as plain props: the pages map `deploy.*` answers onto these, so the components
 * are tested without the API and a change of the API's shape is absorbed in one place (the route's adapters).
 */
export interface DeployProjectView {
  id: string;
  name: string;
  description: string | null;
  /** The current plan's version; null before the first plan. */
  planVersion: number | null;
  lastRun: { id: string; status: DeployRunStatus; createdAt: string } | null;
  createdAt: string;
}

export interface PlanVersionView {
  version: number;
  source: DeployPlanSource | string;
  note: string | null;
  /** Who saved it (e-mail or name), when known. */
  createdBy: string | null;
  createdAt: string;
}

export interface DeployLogLineView {
  seq: number;
  step: string;
  level: DeployLogLevel | string;
  line: string;
  at: string;
}

export interface DeployRunView {
  id: string;
  kind: DeployRunKind | string;
  status: DeployRunStatus;
  planVersion: number | null;
  steps: DeployStep[];
  accessUrls: string[];
  error: string | null;
  rollbackOfRunId: string | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Where a queued run stands: the run applying now (if known) and how many wait before it. */
export interface QueuePlace {
  current: string | null;
  ahead: number;
}

export interface SecretView {
  name: string;
  updatedAt: string;
}

export const isRunActive = (status: DeployRunStatus | undefined) =>
  status === 'queued' || status === 'running';

export const shortId = (id: string) => id.slice(0, 8);
