import {
  getPlaybook,
  insertArtifactVersion,
  latestPlaybookVersion,
  listArtifactsByIds,
  listRecentExperimentReports,
  setArtifactData,
} from '@mos/db';
import { ExperimentReport, Playbook, playbookOutput } from '@mos/db/artifacts';
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
export function keepKnownCitations(doc: Playbook, known: ReadonlySet<string>): Playbook {
  return {
    ...doc,
    sections: doc.sections.map((s) => ({
      ...s,
      sourceReportIds: [...new Set(s.sourceReportIds.filter((id) => known.has(id)))],
    })),
  };
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

      const prompt = renderFrom('build/playbook', {
        ORG_ID: input.orgId,
        CLIENT_ID: input.clientId ?? 'none',
        CURRENT_PLAYBOOK_JSON: JSON.stringify(
          currentDoc ?? { orgId: input.orgId, clientId: input.clientId, sections: [], version: 0 },
          null,
          2,
        ),
        REPORTS_JSON: JSON.stringify(reports, null, 2),
      });
      const known = new Set([
        ...reports.map((r) => r.artifactId),
        ...(currentDoc?.sections.flatMap((s) => s.sourceReportIds) ?? []),
      ]);
      // Citations may only name known reports: an enum in the schema sent (and kept so by keepKnownCitations).
      const { data: written } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'build_playbook',
        schemaName: 'Playbook',
        output: playbookOutput([...known]),
        prompt,
        feedback: input.feedback ?? null,
        complete: (answer) =>
          asStored('playbook', { ...answer, orgId: input.orgId, clientId: input.clientId, version: 1 }),
      });
      const cleaned = keepKnownCitations(written, known);
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
