/** POSIX shell single-quoting: the value reaches the command as one literal word. */
export function shq(value: string | number): string {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/**
 * A unit-file value systemd reads literally: `%` (specifiers) and `$` (variable expansion) doubled, and wrapped in
 * double quotes with `\` and `"` escaped, so `ExecStart=/bin/sh -c "<command>"` runs exactly `<command>`.
 */
export function systemdQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$').replace(/\n/g, ' ')}"`;
}

/** One env-file assignment systemd's EnvironmentFile= parser reads back as `value` (double-quoted, escaped). */
export function envFileLine(key: string, value: string): string {
  return `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$').replace(/`/g, '\\`')}"`;
}
