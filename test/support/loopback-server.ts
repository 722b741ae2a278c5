import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

/** Starts `server` (http or https) on 127.0.0.1, closed after the test file; returns `host:port`. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}
