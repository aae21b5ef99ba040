import { existsSync, readFileSync } from 'node:fs';

/** Whether the kernel can tell this test which sockets have TCP keep-alive on (Linux's /proc/net/tcp). */
export const canInspectSockets = existsSync('/proc/net/tcp');

/**
 * Whether the IPv4 loopback socket from local port `localPort` to `remotePort` has its
 * keep-alive timer running, as /proc/net/tcp shows it: the `tr` column is 2 on an idle
 * connection with SO_KEEPALIVE set, 0 without. Undefined when there is no such socket.
 */
export function keepAliveTimerRunning(localPort: number, remotePort: number): boolean | undefined {
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 6 || port(fields[1]!) !== localPort || port(fields[2]!) !== remotePort) continue;
    return fields[5]!.startsWith('02:');
  }
  return undefined;
}

function port(address: string): number {
  return parseInt(address.split(':')[1]!, 16);
}
