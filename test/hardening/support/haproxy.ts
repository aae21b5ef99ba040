import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's HAProxy (`apt-get install -y haproxy`, `make haproxy-deps`). */
export const HAPROXY_PATH = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

/**
 * Whether a HAProxy suite runs: yes when HAProxy is installed; otherwise it is skipped with a
 * loud line, or fails when REQUIRE_HAPROXY=1 (CI sets it).
 */
export function haproxySuiteEnabled(suite: string): boolean {
  if (existsSync(HAPROXY_PATH)) return true;
  const reason = `${HAPROXY_PATH} is missing: run make haproxy-deps as root (or apt-get install -y haproxy)`;
  if (process.env.REQUIRE_HAPROXY === '1') throw new Error(`${suite}: REQUIRE_HAPROXY=1 but ${reason}`);
  console.warn(`\n!!! SKIPPING ${suite}: ${reason} !!!\n`);
  return false;
}

/** HAProxy's version, e.g. `2.6`. */
export function haproxyVersion(): string {
  const out = spawnSync(HAPROXY_PATH, ['-v'], { encoding: 'utf8' }).stdout;
  return /version (\d+\.\d+)/i.exec(out)?.[1] ?? 'unknown';
}

/** A HAProxy process balancing over named backends. */
export interface RunningHaproxy {
  baseUrl: string;
  /** Each server's state as HAProxy's health checks see it (`UP`, `DOWN`, `UP 1/2`, `MAINT` ...). */
  serverStates(): Promise<Record<string, string>>;
  /** Resolves once `server` is in `state` (UP or DOWN), polling the stats socket. */
  waitFor(server: string, state: 'UP' | 'DOWN', timeoutMs?: number): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

/** Options of `startHaproxy`. */
export interface HaproxyOptions {
  port: number;
  /** Server name -> port on 127.0.0.1. */
  servers: Record<string, number>;
  /** Health-check interval; a server changes state after two checks in a row agree. */
  checkIntervalMs: number;
}

/**
 * Starts HAProxy in the foreground: round robin over `servers`, each health-checked with
 * GET /ready (down after 2 failed checks, up after 2 good ones), a request whose connection
 * failed redispatched to the other server, `X-Forwarded-For` added and `X-Served-By` naming
 * the server on every answer.
 */
export async function startHaproxy(options: HaproxyOptions): Promise<RunningHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'haproxy-test-'));
  const socket = join(dir, 'admin.sock');
  const config = join(dir, 'haproxy.cfg');
  const inter = `${options.checkIntervalMs}ms`;
  writeFileSync(
    config,
    [
      'global',
      `  stats socket ${socket} mode 600 level admin`,
      '  maxconn 1024',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  timeout check 2s',
      '  retries 3',
      '  option redispatch',
      'frontend api',
      `  bind 127.0.0.1:${options.port}`,
      '  option forwardfor',
      '  default_backend servers',
      'backend servers',
      '  balance roundrobin',
      '  option httpchk',
      '  http-check send meth GET uri /ready ver HTTP/1.1 hdr Host localhost',
      '  http-check expect status 200',
      '  http-response set-header X-Served-By %s',
      `  default-server check inter ${inter} fastinter ${inter} downinter ${inter} fall 2 rise 2`,
      ...Object.entries(options.servers).map(([name, port]) => `  server ${name} 127.0.0.1:${port}`),
      '',
    ].join('\n'),
  );
  const checked = spawnSync(HAPROXY_PATH, ['-c', '-q', '-f', config], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`haproxy -c refused the configuration:\n${checked.stdout}${checked.stderr}`);

  let output = '';
  const child = spawn(HAPROXY_PATH, ['-db', '-f', config], { stdio: 'pipe' });
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const serverStates = async (): Promise<Record<string, string>> => {
    const csv = await adminCommand(socket, 'show stat');
    const lines = csv.split('\n');
    const columns = lines[0]!.replace(/^# /, '').split(',');
    const [proxy, name, status] = ['pxname', 'svname', 'status'].map((column) => columns.indexOf(column));
    const states: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const fields = line.split(',');
      const server = fields[name!] ?? '';
      if (fields[proxy!] === 'servers' && server in options.servers) states[server] = fields[status!] ?? '';
    }
    return states;
  };

  const haproxy: RunningHaproxy = {
    baseUrl: `http://127.0.0.1:${options.port}`,
    serverStates,
    output: () => output,
    async waitFor(server, state, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await serverStates().catch(() => ({}) as Record<string, string>);
        if (states[server] === state) return;
        if (Date.now() > deadline) throw new Error(`HAProxy never saw ${server} ${state} (states: ${JSON.stringify(states)})\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // Ready once its stats socket answers.
  const deadline = Date.now() + 10_000;
  while (
    !(await serverStates().then(
      () => true,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await haproxy.stop();
      throw new Error(`HAProxy did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return haproxy;
}

/** Sends one command to HAProxy's stats socket and returns its whole answer. */
function adminCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(socketPath, () => socket.end(`${command}\n`));
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.once('end', () => resolve(answer));
    socket.once('error', reject);
  });
}
