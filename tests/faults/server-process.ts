import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/**
 * One real server process (`node --import tsx apps/server/src/main.ts`) that can be killed
 * with SIGKILL and started again on the same port and database, like a crashed node
 * brought back by its supervisor.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  /** Error-level log lines: an `unhandled` or `command failed` line is a finding. */
  readonly errors: string[] = [];
  starts = 0;

  constructor(
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_URL: this.databaseUrl,
        DESK_DEMO: '0',
        LOG_LEVEL: 'warn',
        DESK_REALTIME_ADAPTER: 'postgres',
        DESK_SOCKET_RATE: '1000',
        DESK_SOCKET_BURST: '1000',
        DESK_LOGIN_RATE_PER_MIN: '100000',
        DESK_WEB_BUILD: `${root}.data/no-web-build`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        // pino level 50+ is error/fatal; warn lines (adapter hiccups after a kill) are expected.
        if (/"level":(5|6)\d/.test(line)) this.errors.push(line.slice(0, 500));
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    // Each start compiles the server with tsx: on a shared, busy machine that alone took 50 s.
    await this.waitHealthy(180_000);
  }

  private async waitHealthy(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) throw new Error(`server exited with ${this.child.exitCode}`);
      try {
        const r = await fetch(`${this.url}/api/health`);
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server on ${this.port} not healthy after ${ms} ms`);
  }

  /** SIGKILL: no shutdown hook runs, open transactions die with the connection. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((res) => child.once('exit', () => res()));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((res) => child.once('exit', () => res()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    this.child = null;
  }
}
