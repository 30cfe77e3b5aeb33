/**
 * Names for the experiment, snapshot and connector shapes the web uses, all derived from the AppRouter (nothing here
 * is written by hand, so a change on the API side shows up as a type error on this side).
 */
import type { RouterInputs, RouterOutputs } from '@/lib/trpc';

export type ExperimentDetail = RouterOutputs['experiments']['get'];
export type ReadingItem = RouterOutputs['experiments']['readings']['items'][number];
/** One poll's numbers as the API serves them (`ExperimentReading`, with intervals as JSON arrays). */
export type Reading = ReadingItem['data'];
export type DecisionItem = RouterOutputs['experiments']['decisions']['items'][number];
export type ChangePlanInput = RouterInputs['experiments']['changePlan'];
export type StopRuleKind = NonNullable<ChangePlanInput['stopRule']>;
export type CsvPreviewInput = RouterInputs['snapshots']['previewCsv'];
export type CsvImportInput = RouterInputs['snapshots']['importCsv'];
export type CsvPreview = RouterOutputs['snapshots']['previewCsv'];
export type CsvImportResult = RouterOutputs['snapshots']['importCsv'];
export type ConnectorsView = RouterOutputs['connectors']['get'];
