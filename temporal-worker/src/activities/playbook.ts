import {
  getPlaybook,
  insertArtifactVersion,
  latestPlaybookVersion,
  listArtifactsByIds,
  listEffectsOfReports,
  listRecentExperimentReports,
  setArtifactData,
} from '@mos/db';
import {
  ExperimentReport,
  Playbook,
  type PlaybookEvidence,
  type PlaybookOutput,
  playbookOutput,
} from '@mos/db/artifacts';
import { DecisionMetricId } from '@mos/db/contracts';
import { type ActivityDeps, ValidationError } from './deps';
import { findStepArtifact, issuesText } from './shared/documents';
import { asStored, generateStep } from './shared/llm-step';
import { ensureOwnRunRow, type OwnRunRow } from './shared/own-run-row';
import { renderFrom } from './shared/prompts';

/** Reports read per synthesis (newest first); older learnings live on in the current playbook's sections. */
export const MAX_PLAYBOOK_REPORTS = 30;

export interface PlaybookSources {
  reports: { id: string; clientId: string | null; campaignId: string | null; createdAt: string }[];
  current: { id: string; version: number; createdAt: string } | null;
  /** Reports written after the current playbook (all of them when there is none). */
  newReports: number;
}

/**
 * Keeps only citations of reports the synthesis was given (or the current playbook already cited), so every
 * `sourceReportIds` entry names a real report of the org, whatever the model wrote.
 */
export function keepKnownCitations<T extends { sections: { sourceReportIds: string[] }[] }>(
  doc: T,
  known: ReadonlySet<string>,
): T {
  return {
    ...doc,
    sections: doc.sections.map((s) => ({
      ...s,
      sourceReportIds: [...new Set(s.sourceReportIds.filter((id) => known.has(id)))],
    })),
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The numbers each report rests on, by report artifact id: the effects recorded for the experiments it read out
 * (relative lift per treatment arm with the interval the report gave); for a report from before effects were
 * recorded, the lifts it states itself (`lift` metric values per variant, no interval). Code's, never the model's.
 */
export function evidenceOfReports(
  reports: readonly { artifactId: string; report: ExperimentReport }[],
  effects: readonly {
    reportArtifactId: string;
    experimentId: string;
    metric: string;
    armId: string;
    lift: { lift: number; ci: [number, number] | null };
  }[],
): Map<string, PlaybookEvidence[]> {
  const out = new Map<string, PlaybookEvidence[]>();
  for (const e of effects) {
    const metric = DecisionMetricId.safeParse(e.metric);
    if (!metric.success || !Number.isFinite(e.lift.lift)) continue;
    const list = out.get(e.reportArtifactId) ?? [];
    list.push({
      reportArtifactId: e.reportArtifactId,
      experimentId: e.experimentId,
      metric: metric.data,
      armId: e.armId,
      lift: round(e.lift.lift),
      ci: e.lift.ci ? [round(e.lift.ci[0]), round(e.lift.ci[1])] : null,
    });
    out.set(e.reportArtifactId, list);
  }
  for (const { artifactId, report } of reports) {
    if (out.has(artifactId)) continue;
    const stated = report.results.flatMap((r) => {
      // The cycle before issue 11 decided every test on conversions per click: its `lift` is a CVR lift.
      const readout = (r as { readout?: { metric?: unknown } | null }).readout;
      const metric = DecisionMetricId.safeParse(readout?.metric ?? 'cvr');
      return r.primaryMetrics
        .filter((m) => m.metricId === 'lift' && m.variantId !== null && Number.isFinite(m.value))
        .map((m) => ({
          reportArtifactId: artifactId,
          experimentId: r.experimentId,
          metric: metric.success ? metric.data : ('cvr' as const),
          armId: m.variantId as string,
          lift: round(m.value),
          ci: null,
        }));
    });
    if (stated.length > 0) out.set(artifactId, stated);
  }
  return out;
}

/** Each section's evidence: the evidence of the reports it cites, in citation order (at most 100). */
export function withEvidence(
  doc: PlaybookOutput,
  evidence: ReadonlyMap<string, readonly PlaybookEvidence[]>,
): Playbook['sections'] {
  return doc.sections.map((s) => ({
    ...s,
    evidence: s.sourceReportIds.flatMap((id) => evidence.get(id) ?? []).slice(0, 100),
  }));
}

/**
 * Ids written into a section's prose that are neither a report nor an experiment the synthesis was given: the
 * model may only cite what it was shown, so these are sent back to it as problems of its answer.
 */
export function unknownIdsInProse(
  doc: PlaybookOutput,
  allowed: ReadonlySet<string>,
): { path: string; message: string }[] {
  return doc.sections.flatMap((s, i) =>
    [...new Set(s.content.match(UUID_IN_TEXT) ?? [])]
      .filter((id) => !allowed.has(id.toLowerCase()))
      .map((id) => ({
        path: `sections.${i}.content`,
        message: `cites ${id}, which is not a report or experiment you were given; cite only the artifact ids and experiment ids in the reports and their evidence`,
      })),
  );
}

/** PlaybookUpdate's activities: its own run row for scheduled starts, its sources, and the synthesis. */
export function playbookActivities({ db, llm }: ActivityDeps) {
  return {
    /**
     * The workflow_runs row of a run that no API call recorded (a Temporal Schedule started it). The id comes from
     * the workflow (deterministic), so a retry finds the row it made.
     */
    async ensureRunRow(input: Omit<OwnRunRow, 'kind'>): Promise<{ runId: string; created: boolean }> {
      const created = await ensureOwnRunRow(db, { ...input, kind: 'playbook_update' }, 'schedule:start');
      return { runId: input.id, created };
    },

    /** The experiment reports to learn from (the client's, or the whole org's for the org playbook). */
    async collectPlaybookSources(input: {
      orgId: string;
      clientId: string | null;
    }): Promise<PlaybookSources> {
      const rows = await listRecentExperimentReports(db, input.orgId, input.clientId, MAX_PLAYBOOK_REPORTS);
      const current = await latestPlaybookVersion(db, input.orgId, input.clientId);
      const since = current?.createdAt.getTime() ?? Number.NEGATIVE_INFINITY;
      return {
        reports: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        current: current ? { ...current, createdAt: current.createdAt.toISOString() } : null,
        newReports: rows.filter((r) => r.createdAt.getTime() > since).length,
      };
    },

    /**
     * The next playbook version from the current playbook and the reports (LLM, Playbook schema). orgId, clientId,
     * version and citations are the system's: version is the stored row's, citations only name real reports.
     */
    async synthesizePlaybook(input: {
      orgId: string;
      runId: string;
      clientId: string | null;
      reportIds: string[];
      /** A person's words on a retry after the step failed. */
      feedback?: string | null;
    }): Promise<{ artifactId: string; version: number; sections: number; cited: string[] }> {
      const stepKey = 'playbook';
      const done = await findStepArtifact(db, input.orgId, input.runId, stepKey);
      if (done) return summary(done.id, done.version, Playbook.parse(done.data));
      if (input.reportIds.length === 0)
        throw new ValidationError('a playbook is synthesized from at least one experiment report');

      const reportRows = await listArtifactsByIds(db, input.orgId, 'experiment_report', input.reportIds);
      const reports = reportRows.flatMap((r) => {
        const parsed = ExperimentReport.safeParse(r.data);
        return parsed.success
          ? [
              {
                artifactId: r.id,
                clientId: r.clientId,
                campaignId: r.campaignId,
                createdAt: r.createdAt.toISOString(),
                report: parsed.data,
              },
            ]
          : [];
      });
      if (reports.length === 0) throw new ValidationError('none of the experiment reports could be read');
      const existing = await getPlaybook(db, input.orgId, input.clientId);
      const current = existing.playbook ? Playbook.safeParse(existing.playbook.data) : null;
      const currentDoc = current?.success ? current.data : null;

      // Numbers by code: each report's evidence, and what the current playbook's sections already rest on.
      const evidence = evidenceOfReports(
        reports,
        await listEffectsOfReports(
          db,
          input.orgId,
          reports.map((r) => r.artifactId),
        ),
      );
      for (const section of currentDoc?.sections ?? [])
        for (const e of section.evidence)
          if (!reports.some((r) => r.artifactId === e.reportArtifactId)) {
            const list = evidence.get(e.reportArtifactId) ?? [];
            if (!list.some((x) => x.experimentId === e.experimentId && x.armId === e.armId)) list.push(e);
            evidence.set(e.reportArtifactId, list);
          }
      const prompt = renderFrom('build/playbook', {
        ORG_ID: input.orgId,
        CLIENT_ID: input.clientId ?? 'none',
        CURRENT_PLAYBOOK_JSON: JSON.stringify(
          currentDoc ?? { orgId: input.orgId, clientId: input.clientId, sections: [], version: 0 },
          null,
          2,
        ),
        REPORTS_JSON: JSON.stringify(
          reports.map((r) => ({ ...r, evidence: evidence.get(r.artifactId) ?? [] })),
          null,
          2,
        ),
      });
      const known = new Set([
        ...reports.map((r) => r.artifactId),
        ...(currentDoc?.sections.flatMap((s) => s.sourceReportIds) ?? []),
      ]);
      const allowedInProse = new Set(
        [...known, ...[...evidence.values()].flat().map((e) => e.experimentId)].map((id) => id.toLowerCase()),
      );
      // Citations may only name known reports: an enum in the schema sent, repaired by keepKnownCitations; ids
      // in the prose that were never given are sent back; the evidence is filled from the citations.
      const { data: cleaned } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'build_playbook',
        schemaName: 'Playbook',
        output: playbookOutput([...known]),
        prompt,
        feedback: input.feedback ?? null,
        complete: (answer) => {
          const unknown = unknownIdsInProse(answer, allowedInProse);
          if (unknown.length > 0) return { ok: false, issues: unknown };
          const kept = keepKnownCitations(answer, known);
          const dropped = answer.sections.flatMap((s) => s.sourceReportIds.filter((id) => !known.has(id)));
          return asStored(
            'playbook',
            {
              sections: withEvidence(kept, evidence),
              orgId: input.orgId,
              clientId: input.clientId,
              version: 1,
            },
            dropped.length > 0
              ? [`dropped citations of unknown reports: ${[...new Set(dropped)].join(', ')}`]
              : [],
          );
        },
      });
      return db.transaction(async (tx) => {
        // The row's version is computed by the insert; the document carries the same number.
        const draft = { ...cleaned, orgId: input.orgId, clientId: input.clientId, version: 1 };
        const parsed = Playbook.safeParse(draft);
        if (!parsed.success)
          throw new ValidationError(`playbook is invalid: ${issuesText(parsed.error.issues)}`);
        const row = await insertArtifactVersion(tx, {
          orgId: input.orgId,
          clientId: input.clientId,
          campaignId: null,
          type: 'playbook',
          data: parsed.data,
          source: 'ai',
          status: 'draft',
          workflowRunId: input.runId,
          stepKey,
        });
        const data = { ...Playbook.parse(row.data), version: row.version };
        if (Playbook.parse(row.data).version !== row.version) {
          await setArtifactData(tx, input.orgId, row.id, data);
        }
        return summary(row.id, row.version, data);
      });
    },
  };
}

function summary(artifactId: string, version: number, doc: Playbook) {
  return {
    artifactId,
    version,
    sections: doc.sections.length,
    cited: [...new Set(doc.sections.flatMap((s) => s.sourceReportIds))],
  };
}
