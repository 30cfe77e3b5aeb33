import type { DesiredStateSpec } from '../plan/schema';

/**
 * The apply engine's contract (implemented in this folder): the CLI's `ch apply` composes the steps in one
 * process; MOS's DeployProject workflow runs each as its own activity, so a worker killed mid-deploy resumes at the
 * step it was in and never repeats a finished one. Every step streams log lines through the reporter; anything a
 * line could carry that is secret (tokens, resolved env values) is masked before it reaches the reporter.
 */
export type ApplyLogLevel = 'info' | 'warn' | 'error';
export interface ApplyLogLine {
  step: string;
  level: ApplyLogLevel;
  message: string;
  instance?: string;
  workload?: string;
}
export interface ApplyReporter {
  log(line: ApplyLogLine): void | Promise<void>;
}

/** Where things live on a server. Defaults are Ubuntu's; the end-to-end tests point them at a local folder. */
export interface ServerLayout {
  nginxSitesAvailable: string;
  nginxSitesEnabled: string;
  /** The command that checks the whole nginx configuration (`nginx -t`). */
  nginxTest: string;
  nginxReload: string;
  /** Where nginx keeps the funnel sites' proxy cache. */
  nginxCacheDir: string;
  systemdDir: string;
  /** Env files (mode 600), one per workload. */
  envDir: string;
  /** The service manager command (`systemctl`). */
  systemctl: string;
  /** The port nginx's sites listen on for HTTP (80); the local test server uses a free port. */
  httpPort?: number;
  /** The port for HTTPS server blocks (443). */
  httpsPort?: number;
  /** certbot's webroot for ACME http-01 challenges, served by every site at `/.well-known/acme-challenge/`. */
  acmeWebroot?: string;
  /** Where certbot keeps certificates (`<certDir>/<first server name>/fullchain.pem`). */
  certDir?: string;
  /** The certbot command. */
  certbot?: string;
  /** cloudhand's bookkeeping on the server (backups during an apply, the sites and units it manages). */
  stateDir?: string;
}
/** A layout with every field set (defaults filled in). */
export type ResolvedServerLayout = Required<ServerLayout>;

/** Pinned SSH host keys (`SHA256:<base64>` per `host:port`): pinned at first contact, checked after. */
export interface HostKeyStore {
  get(host: string): Promise<string | null>;
  pin(host: string, fingerprint: string): Promise<void>;
}

/** Resolves an org secret by name at the last moment; throws when the org has no such secret. */
export type SecretResolver = (name: string) => Promise<string>;

export interface TerraformStepOptions {
  /** The spec with ports assigned (`assignPorts`). */
  spec: DesiredStateSpec;
  /** The project's terraform folder (cdk.tf.json and state live here). */
  workDir: string;
  /** `TERRAFORM_BIN`; missing → a clear error naming it. */
  terraformBin: string | undefined;
  hcloudToken: string;
  sshPublicKey: string;
  reporter: ApplyReporter;
  signal?: AbortSignal;
}
export interface TerraformStepResult {
  /** Instance name → public IPv4, from `terraform output -json`. */
  serverIps: Record<string, string>;
}

export interface ServerStepOptions {
  spec: DesiredStateSpec;
  instance: string;
  /** Where to reach the server's sshd (the IP from terraform, port 22; tests: loopback and their own port). */
  ssh: { host: string; port: number; username: string; privateKey: string };
  hostKeys: HostKeyStore;
  secrets: SecretResolver;
  /** Chosen by the caller (the run id), so a retried step reuses the same release folder. */
  releaseId: string;
  nginxMode: 'per-app' | 'combined';
  gitToken: string | null;
  certbotEmail: string | null;
  layout?: Partial<ServerLayout>;
  reporter: ApplyReporter;
  signal?: AbortSignal;
  /** SSH connection retries (default 10 attempts 5 s apart, as the original: a new server boots meanwhile). */
  connect?: ConnectOptions;
  /** The server's public IP for access URLs and messages (default `ssh.host`). */
  serverIp?: string;
  /** Releases kept per workload (default 5); the one `current` points at is never pruned. */
  keepReleases?: number;
  /** How long a health check may wait for the workload to answer (default 30 s). */
  healthTimeoutMs?: number;
  /** Every remote command in order (the benchmark replays them over a plain connection). */
  onCommand?: (command: RemoteCommandRecord) => void;
}
export interface ConnectOptions {
  attempts?: number;
  delayMs?: number;
  /** ssh2's handshake timeout per attempt (default 20 s). */
  readyTimeoutMs?: number;
}
export interface RemoteCommandRecord {
  command: string;
  /** stdin sent with the command, secrets masked (a record never holds one). */
  stdin: string;
}
export interface ServerStepResult {
  releases: { workload: string; releaseId: string; path: string }[];
  accessUrls: string[];
}

export interface RollbackStepOptions extends Omit<ServerStepOptions, 'releaseId' | 'secrets'> {
  /** The releases to make `current` again (from an earlier run). */
  releases: { workload: string; releaseId: string }[];
}
