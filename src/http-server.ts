import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  server: Server;
  port: number;
}

export function listen<E extends object>(
  app: Hono<E>,
  port: number,
  hostname: string,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) =>
      resolve({ server: server as Server, port: info.port }),
    ) as Server;
    server.once('error', reject);
  });
}

/**
 * Stops accepting connections, lets requests in flight finish, and after `timeoutMs` cuts whatever is
 * still open. Resolves with how it ended.
 */
export function closeGracefully(server: Server, timeoutMs: number): Promise<'drained' | 'forced'> {
  return new Promise((resolve) => {
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, timeoutMs);
    // A keep-alive connection becomes idle when its last response ends; close it then, not at its timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve(forced ? 'forced' : 'drained');
    });
    server.closeIdleConnections();
  });
}
