// CPU time read from Linux /proc (proc(5)), for benches whose subject runs as a child process: a
// process's own CPU seconds (every thread) and the machine's busy share over a window. CPU time per
// event is far less disturbed by the machine's other load than a rate or a latency is, so a change
// of a service's cost shows in it even on a noisy host.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Clock ticks per second of /proc's times (sysconf(_SC_CLK_TCK), 100 on every mainstream Linux).
let clockTicks: number | undefined;
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return clockTicks;
}

/** CPU seconds (user + system, all threads) process `pid` has used so far: /proc/<pid>/stat utime + stime. */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command (field 2) may hold spaces; after its closing parenthesis, index 0 is field 3 (state),
  // so utime (field 14) and stime (field 15) are at indexes 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** The machine's CPU ticks so far, all CPUs: busy (not idle, not iowait) and total, from /proc/stat's first line. */
function hostCpuTicks(): { busy: number; total: number } {
  // cpu user nice system idle iowait irq softirq steal (guest time is already inside user).
  const t = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const total = t.reduce((a, b) => a + b, 0);
  return { busy: total - (t[3] ?? 0) - (t[4] ?? 0), total };
}

/** Starts a window: call the result at its end for the process's CPU seconds and the machine's busy share within it. */
export function cpuWindow(pid: number): () => { cpuSeconds: number; hostBusyFraction: number } {
  const cpu0 = processCpuSeconds(pid);
  const host0 = hostCpuTicks();
  return () => {
    const host1 = hostCpuTicks();
    return { cpuSeconds: processCpuSeconds(pid) - cpu0, hostBusyFraction: (host1.busy - host0.busy) / Math.max(1, host1.total - host0.total) };
  };
}

/**
 * cpuWindow for a process that may be missing (no pid file, a broker not started by infra/local) or
 * may exit within the window: its CPU seconds, or undefined when either end could not be read.
 */
export function optionalCpuSeconds(pid: () => number): () => number | undefined {
  let end: (() => { cpuSeconds: number }) | undefined;
  try { end = cpuWindow(pid()); } catch { end = undefined; }
  return () => {
    try { return end?.().cpuSeconds; } catch { return undefined; }
  };
}
