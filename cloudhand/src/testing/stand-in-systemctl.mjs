// A `systemctl` stand-in for the local test server. It exists ONLY because this machine has no systemd (PID 1 is
// not systemd, so the real systemctl cannot run): it reads the unit files cloudhand writes to the layout's
// systemdDir and starts, stops and restarts their ExecStart process with their EnvironmentFile(s), keeping a pid
// file per unit. It does not supervise (no Restart=always) and knows only the commands the apply engine uses.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SYSTEMD_DIR = process.env.CH_STANDIN_SYSTEMD_DIR;
const RUN_DIR = process.env.CH_STANDIN_RUN_DIR;
if (!SYSTEMD_DIR || !RUN_DIR) {
  console.error('systemctl stand-in: CH_STANDIN_SYSTEMD_DIR and CH_STANDIN_RUN_DIR must be set');
  process.exit(1);
}
mkdirSync(RUN_DIR, { recursive: true });

const unitName = (u) => (u.endsWith('.service') ? u.slice(0, -8) : u);
const unitPath = (u) => join(SYSTEMD_DIR, `${unitName(u)}.service`);
const pidPath = (u) => join(RUN_DIR, `${unitName(u)}.pid`);

/** systemd's word splitting for ExecStart: specifiers and $$ undone, double/single quotes honoured. */
function splitExec(value) {
  const v = value.replace(/%%/g, '%').replace(/\$\$/g, '$');
  const words = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '"' || c === "'") {
      inWord = true;
      for (i++; i < v.length && v[i] !== c; i++) {
        if (c === '"' && v[i] === '\\' && i + 1 < v.length) i++;
        cur += v[i];
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** EnvironmentFile= syntax as cloudhand writes it: KEY="escaped value" (may span lines), KEY='v', KEY=v. */
function parseEnvFile(text) {
  const env = {};
  let i = 0;
  while (i < text.length) {
    const nl = text.indexOf('\n', i);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(i, lineEnd);
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
    if (!m || /^\s*[#;]/.test(line)) {
      i = lineEnd + 1;
      continue;
    }
    let j = i + m[0].length;
    const q = text[j];
    if (q === '"' || q === "'") {
      let val = '';
      for (j++; j < text.length && text[j] !== q; j++) {
        if (q === '"' && text[j] === '\\' && j + 1 < text.length) j++;
        val += text[j];
      }
      env[m[1]] = val;
      const after = text.indexOf('\n', j);
      i = after === -1 ? text.length : after + 1;
    } else {
      env[m[1]] = line.slice(m[0].length).trim();
      i = lineEnd + 1;
    }
  }
  return env;
}

function readUnit(u) {
  const p = unitPath(u);
  if (!existsSync(p)) return null;
  const unit = { text: readFileSync(p, 'utf8'), envFiles: [], exec: null, cwd: null };
  for (const raw of unit.text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(raw.trim());
    if (!m) continue;
    if (m[1] === 'ExecStart') unit.exec = m[2];
    if (m[1] === 'WorkingDirectory') unit.cwd = m[2];
    if (m[1] === 'EnvironmentFile') unit.envFiles.push(m[2]);
  }
  return unit;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // PID 1 here may not reap orphans: a zombie counts as stopped.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function mainPid(u) {
  try {
    const pid = Number(readFileSync(pidPath(u), 'utf8').trim());
    return pid > 0 && alive(pid) ? pid : 0;
  } catch {
    return 0;
  }
}

async function stop(u) {
  const pid = mainPid(u);
  rmSync(pidPath(u), { force: true });
  if (!pid) return;
  const signal = (s) => {
    try {
      process.kill(-pid, s);
    } catch {
      try {
        process.kill(pid, s);
      } catch {}
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) signal('SIGKILL');
}

function start(u) {
  if (mainPid(u)) return 0;
  const unit = readUnit(u);
  if (!unit) {
    console.error(`Failed to start ${unitName(u)}.service: Unit ${unitName(u)}.service not found.`);
    return 5;
  }
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
  for (const f of unit.envFiles) {
    const optional = f.startsWith('-');
    const path = optional ? f.slice(1) : f;
    if (!existsSync(path)) {
      if (optional) continue;
      console.error(`Failed to load environment file ${path}`);
      return 1;
    }
    Object.assign(env, parseEnvFile(readFileSync(path, 'utf8')));
  }
  const argv = splitExec(unit.exec ?? '');
  if (!argv.length) {
    console.error(`${unitName(u)}.service has no ExecStart`);
    return 1;
  }
  const cwd = unit.cwd ? resolve(unit.cwd) : '/';
  if (!existsSync(cwd)) {
    console.error(`${unitName(u)}.service: WorkingDirectory ${cwd} does not exist`);
    return 200;
  }
  const logFd = openSync(join(RUN_DIR, `${unitName(u)}.log`), 'a');
  const child = spawn(argv[0], argv.slice(1), { cwd, env, detached: true, stdio: ['ignore', logFd, logFd] });
  if (!child.pid) return 1;
  writeFileSync(pidPath(u), String(child.pid));
  child.unref();
  return 0;
}

const [cmd, ...rest] = process.argv.slice(2);
const units = rest.filter((a) => !a.startsWith('-'));
let code = 0;
switch (cmd) {
  case 'daemon-reload':
    break;
  case 'enable':
  case 'disable':
    for (const u of units) {
      if (!existsSync(unitPath(u))) {
        console.error(`Failed to ${cmd} unit: Unit file ${unitName(u)}.service does not exist.`);
        code = 1;
      } else if (cmd === 'enable') writeFileSync(join(RUN_DIR, `${unitName(u)}.enabled`), '');
      else rmSync(join(RUN_DIR, `${unitName(u)}.enabled`), { force: true });
    }
    break;
  case 'cat':
    for (const u of units) {
      const unit = readUnit(u);
      if (!unit) {
        console.error(`No files found for ${unitName(u)}.service.`);
        code = 1;
      } else process.stdout.write(`# ${unitPath(u)}\n${unit.text}`);
    }
    break;
  case 'start':
    for (const u of units) code = start(u) || code;
    break;
  case 'stop':
    for (const u of units) await stop(u);
    break;
  case 'restart':
    for (const u of units) {
      await stop(u);
      code = start(u) || code;
    }
    break;
  case 'is-active':
    for (const u of units) {
      const on = mainPid(u) > 0;
      if (!rest.includes('--quiet')) console.log(on ? 'active' : 'inactive');
      if (!on) code = 3;
    }
    break;
  case 'show': {
    // Only `show -p MainPID --value <unit>` (the preflight's ownership check).
    for (const u of units.filter((x) => x !== 'MainPID')) console.log(String(mainPid(u)));
    break;
  }
  case 'status':
    for (const u of units) {
      const pid = mainPid(u);
      console.log(
        `${unitName(u)}.service - ${pid ? `active (running), main PID ${pid}` : 'inactive (dead)'}`,
      );
      if (!pid) code = 3;
    }
    break;
  default:
    console.error(`systemctl stand-in: unsupported command ${cmd}`);
    code = 1;
}
process.exit(code);
