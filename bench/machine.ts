/** The machine and Node version that a benchmark run measured on. */
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  nodeVersion: string;
  platform: string;
  /** One-minute load average when the run started, before it started any work. */
  loadAtStart: number;
}

export function describeMachine(): MachineInfo {
  const cpus = os.cpus();

  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    nodeVersion: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAtStart: os.loadavg()[0] ?? 0,
  };
}

/**
 * Reports whether other work was running when the benchmark started: a one-minute load
 * average above a quarter of the cores means the timings are noisy.
 */
export function isLoaded(machine: MachineInfo): boolean {
  return machine.loadAtStart > machine.cores / 4;
}
