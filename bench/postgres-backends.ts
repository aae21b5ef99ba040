import pg from 'pg';

import { totalCpuMicros } from './process-cpu.js';

/**
 * The CPU time PostgreSQL spends for one client: the server processes (backends) of every
 * connection whose `application_name` is the client's (set with PGAPPNAME, which `pg` reads),
 * read from /proc. Only meaningful when PostgreSQL runs on this machine; `available` says so.
 */
export class PostgresBackendCpu {
  private constructor(private readonly monitor: pg.Client) {}

  /** Connects a monitoring session (under its own application name, so it never counts itself). */
  static async connect(url: string): Promise<PostgresBackendCpu> {
    const monitor = new pg.Client({ connectionString: url, application_name: 'bench_scale_monitor' });
    await monitor.connect();
    return new PostgresBackendCpu(monitor);
  }

  /**
   * CPU microseconds used so far by each backend serving `applicationName`, by pid; a backend
   * that started since an earlier sample counts from zero, one that ended is missing.
   * Undefined when the backends' /proc entries cannot be read (PostgreSQL on another machine).
   */
  async sample(applicationName: string): Promise<Map<number, number> | undefined> {
    const { rows } = await this.monitor.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [
      applicationName,
    ]);
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const micros = totalCpuMicros(pid);
      if (micros === undefined) return rows.length > 0 ? undefined : cpu;
      cpu.set(pid, micros);
    }
    return cpu;
  }

  close(): Promise<void> {
    return this.monitor.end();
  }
}

/** CPU microseconds the backends used between two samples (backends that came and went in between are not seen). */
export function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, micros] of after) used += micros - (before.get(pid) ?? 0);
  return used;
}
