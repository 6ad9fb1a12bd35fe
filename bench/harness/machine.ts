import os from 'node:os';

export interface MachineInfo {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  /** 1-minute load average when the case started and ended. */
  loadBefore: number;
  loadAfter?: number;
}

export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    loadBefore: os.loadavg()[0]!,
  };
}

export function finishMachineInfo(info: MachineInfo): MachineInfo {
  return { ...info, loadAfter: os.loadavg()[0]! };
}

export function formatMachine(info: MachineInfo): string {
  const load = `load avg (1 min) ${info.loadBefore.toFixed(2)}${
    info.loadAfter === undefined ? '' : ` before, ${info.loadAfter.toFixed(2)} after`
  }`;
  return (
    `Node ${info.node}, ${info.cpus} CPU${info.cpus === 1 ? '' : 's'} (${info.cpuModel}), ` +
    `${info.memoryGiB.toFixed(1)} GiB RAM, ${info.platform}, ${load}`
  );
}
