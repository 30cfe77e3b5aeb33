/** Why an apply step failed, as a field (callers branch on `reason`, never on the message). */
export type ApplyErrorReason =
  | 'terraform_missing'
  | 'terraform_failed'
  | 'terraform_output'
  | 'ssh_connect'
  | 'host_key_mismatch'
  | 'command_failed'
  | 'port_in_use'
  | 'build_failed'
  | 'health_check_failed'
  | 'nginx_invalid'
  | 'secret_missing'
  | 'release_missing'
  | 'invalid_input'
  | 'aborted';

export class ApplyError extends Error {
  constructor(
    readonly reason: ApplyErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApplyError';
  }
}

/** A remote command that exited non-zero; `stderrTail` is already masked. */
export class RemoteCommandError extends ApplyError {
  constructor(
    readonly label: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(
      'command_failed',
      `${label} failed (exit ${exitCode ?? 'signal'})${stderrTail ? `: ${stderrTail}` : ''}`,
    );
    this.name = 'RemoteCommandError';
  }
}

export function abortError(): ApplyError {
  return new ApplyError('aborted', 'The apply was aborted');
}
