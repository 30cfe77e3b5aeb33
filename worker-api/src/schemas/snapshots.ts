import { SnapshotCsvMapping } from '@mos/db/contracts';
import * as z from 'zod';
import { Id } from './common';

/** Rows a CSV upload may carry (the browser parses the file with papaparse and sends its rows). */
export const MAX_CSV_ROWS = 20_000;

/** A parsed CSV file: its header names and each data row's cells by header, with the row's line in the file. */
const CsvFile = {
  clientId: Id,
  /** Rows must belong to this experiment's assets when set. */
  experimentId: Id.nullish(),
  headers: z.array(z.string().max(200)).min(1, 'the file has no header row').max(100),
  rows: z
    .array(
      z.strictObject({
        /** 1-based line of the file (the header is line 1). */
        line: z.number().int().min(2),
        cells: z.record(z.string().max(200), z.string().max(1000)),
      }),
    )
    .max(MAX_CSV_ROWS, `at most ${MAX_CSV_ROWS} rows per upload`),
};

const FileName = z.string().trim().min(1, 'is required').max(200);

/** The same upload as an import (file name optional); without a mapping one is suggested from the headers. */
export const SnapshotPreviewCsv = z.strictObject({
  ...CsvFile,
  fileName: FileName.optional(),
  mapping: SnapshotCsvMapping.nullish(),
});
export type SnapshotPreviewCsv = z.infer<typeof SnapshotPreviewCsv>;

export const SnapshotImportCsv = z.strictObject({
  ...CsvFile,
  fileName: FileName,
  mapping: SnapshotCsvMapping,
  /** Import the valid rows and record the others' errors; without it one invalid row refuses the whole file. */
  skipInvalidRows: z.boolean().optional(),
});
export type SnapshotImportCsv = z.infer<typeof SnapshotImportCsv>;

export const SnapshotImports = z.strictObject({ clientId: Id });
export type SnapshotImports = z.infer<typeof SnapshotImports>;
