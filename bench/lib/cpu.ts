import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * Where the CPU went during a phase, in cores: the app's process, this process (load generator,
 * emulator, sink), the data services (PostgreSQL and Redis processes, read from /proc on Linux)
 * and everything else on the machine, which is noise from other programs.
 */
export interface CpuShare {
  app: number;
  bench: number;
  /** Undefined where /proc cannot be read. */
  services: number | undefined;
  other: number;
  /** The same in CPU milliseconds over the phase (not divided by its wall time); one phase only. */
  ms?: { app: number; bench: number; services: number | undefined; other: number };
}

const SERVICES = new Set(['postgres', 'redis-server']);
/** USER_HZ: /proc/<pid>/stat counts in clock ticks, 100 per second on every Linux this runs on. */
const TICK_MS = 10;

function machineBusyMs(): number {
  return cpus().reduce((n, c) => n + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
}

/** CPU time of the PostgreSQL and Redis processes alive now, per pid. */
function servicesMs(): Map<number, number> | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const times = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (!SERVICES.has(stat.slice(open + 1, close))) continue;
      // Fields after the command: state is field 3; utime and stime are fields 14 and 15.
      const fields = stat.slice(close + 2).split(' ');
      times.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The process ended meanwhile.
    }
  }
  return times;
}

/** Starts measuring; `appCpuMs` is the app process's CPU time so far (it is another process). */
export function cpuMeter(appCpuMs: number): (appCpuMsNow: number) => CpuShare {
  const startedAt = performance.now();
  const machine0 = machineBusyMs();
  const self0 = process.cpuUsage();
  const services0 = servicesMs();
  return (appCpuMsNow) => {
    const wallMs = performance.now() - startedAt;
    const machineMs = machineBusyMs() - machine0;
    const self = process.cpuUsage(self0);
    const selfMs = (self.user + self.system) / 1000;
    const appMs = appCpuMsNow - appCpuMs;
    const services1 = servicesMs();
    let serviceMs: number | undefined;
    if (services0 && services1) {
      // Processes started during the phase (new PostgreSQL backends) count from zero.
      serviceMs = 0;
      for (const [pid, ms] of services1) serviceMs += ms - (services0.get(pid) ?? 0);
    }
    const otherMs = Math.max(0, machineMs - selfMs - appMs - (serviceMs ?? 0));
    return {
      app: appMs / wallMs,
      bench: selfMs / wallMs,
      services: serviceMs === undefined ? undefined : serviceMs / wallMs,
      other: otherMs / wallMs,
      ms: { app: appMs, bench: selfMs, services: serviceMs, other: otherMs },
    };
  };
}
