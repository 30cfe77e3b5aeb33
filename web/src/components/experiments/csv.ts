/** The API validates at most this many rows per upload; larger exports are split by date range. */
export const MAX_CSV_ROWS = 20_000;

export interface ParsedCsv {
  headers: string[];
  rows: { line: number; cells: Record<string, string> }[];
  /** Problems with the file as a whole (no header, duplicate columns, too many rows): nothing is sent. */
  problems: string[];
}

const NEWLINE = /\r\n|\n|\r/g;
const countNewlines = (s: string) => s.match(NEWLINE)?.length ?? 0;
const leadingBlankLines = (s: string) => countNewlines(/^(?:[ \t]*(?:\r\n|\n|\r))*/.exec(s)?.[0] ?? '');

/**
 * Parses a CSV export in the browser (papaparse) into header names and cells per row, each row with the 1-based line
 * of the file it starts on (the header is line 1), so the API's per-row errors point at the line a person sees in
 * their spreadsheet even when a quoted cell spans lines or blank lines are skipped.
 */
export async function parseCsvText(input: string): Promise<ParsedCsv> {
  // Loaded when a file is picked, so neither the experiment page nor the client page carries the parser.
  const { default: Papa } = await import('papaparse');
  const text = input.replace(/^\uFEFF/, '');
  const records: { line: number; cells: string[] }[] = [];
  let pos = 0;
  let line = 1;
  let tooMany = false;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    step: (r, parser) => {
      const end = r.meta.cursor;
      const segment = text.slice(pos, end);
      records.push({ line: line + leadingBlankLines(segment), cells: r.data });
      line += countNewlines(segment);
      pos = end;
      if (records.length > MAX_CSV_ROWS + 1) {
        tooMany = true;
        parser.abort();
      }
    },
  });
  const problems: string[] = [];
  const [head, ...body] = records;
  if (!head) return { headers: [], rows: [], problems: ['The file is empty.'] };
  const headers = head.cells.map((h, i) => h.trim() || `column ${i + 1}`);
  const dupes = headers.filter((h, i) => headers.indexOf(h) !== i);
  if (dupes.length) problems.push(`Columns named twice: ${[...new Set(dupes)].join(', ')}.`);
  if (tooMany)
    problems.push(`The file has more than ${MAX_CSV_ROWS.toLocaleString()} rows; split it by date range.`);
  if (body.length === 0 && !tooMany) problems.push('The file has a header but no rows.');
  const rows = body.map((r) => ({
    line: r.line,
    cells: Object.fromEntries(headers.map((h, i) => [h, (r.cells[i] ?? '').trim()])),
  }));
  return { headers, rows, problems };
}
