import {
  type LabelledExample,
  type LabelledExampleFilter,
  listLabelledExamples,
  listPromptOutputs,
  type Queryable,
} from '@mos/db';

/** One line of the labelled-examples JSONL (`pnpm eval:export-labels`): what the model was asked and answered, and the reviewer's verdict. */
export interface LabelLine {
  promptId: string;
  promptVersion: number;
  inputSha256: string | null;
  promptSha256: string;
  model: string;
  modelOutput: unknown;
  decision: LabelledExample['decision'];
  feedback: string | null;
  editedDocument: unknown;
  gate: string;
  runId: string;
  approvalId: string;
  llmCallId: string;
  draftArtifactId: string | null;
  decidedAt: string;
}

export function toLabelLine(e: LabelledExample): LabelLine {
  return {
    promptId: e.promptId,
    promptVersion: e.promptVersion,
    inputSha256: e.inputSha256,
    promptSha256: e.promptSha256,
    model: e.model,
    modelOutput: e.modelOutput,
    decision: e.decision,
    feedback: e.feedback,
    editedDocument: e.editedDocument,
    gate: e.gate,
    runId: e.runId,
    approvalId: e.approvalId,
    llmCallId: e.llmCallId,
    draftArtifactId: e.draftArtifactId,
    decidedAt: e.decidedAt.toISOString(),
  };
}

/** An org's reviewer edits and rejections (by default) as JSONL text, one labelled example per line. */
export async function exportLabels(
  db: Queryable,
  orgId: string,
  filter: LabelledExampleFilter = {},
): Promise<{ lines: number; jsonl: string }> {
  const examples = await listLabelledExamples(db, orgId, filter);
  const jsonl = examples.map((e) => JSON.stringify(toLabelLine(e))).join('\n');
  return { lines: examples.length, jsonl: examples.length === 0 ? '' : `${jsonl}\n` };
}

/** One line of an outputs file (`--outputs`): what one version of a prompt answered to one input. */
export interface OutputLine {
  promptId: string;
  promptVersion: number;
  inputSha256: string | null;
  model: string;
  output: unknown;
  llmCallId: string;
  createdAt: string;
}

/** An org's successful answers to one prompt as JSONL, the input of `pnpm eval:compare`. */
export async function exportOutputs(
  db: Queryable,
  orgId: string,
  filter: Parameters<typeof listPromptOutputs>[2],
): Promise<{ lines: number; jsonl: string }> {
  const rows = await listPromptOutputs(db, orgId, filter);
  const lines = rows.map((r) =>
    JSON.stringify({
      promptId: r.promptId,
      promptVersion: r.promptVersion,
      inputSha256: r.inputSha256,
      model: r.model,
      output: r.output,
      llmCallId: r.llmCallId,
      createdAt: r.createdAt.toISOString(),
    } satisfies OutputLine),
  );
  return { lines: lines.length, jsonl: lines.length === 0 ? '' : `${lines.join('\n')}\n` };
}
