import { router } from '../../trpc';
import { importCsv } from './import-csv';
import { imports } from './imports';
import { previewCsv } from './preview-csv';

/** Performance snapshots by CSV upload (the browser parses the file; the API checks every row). */
export const snapshotsRouter = router({ previewCsv, importCsv, imports });
