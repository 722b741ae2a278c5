import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/**
 * A loopback port where a new TCP connection never completes, for connect timeouts without a
 * network: a worker thread listens with a backlog of 1 and then blocks, so it never accepts; once
 * the kernel's accept queue is full (a few connections, held open here), further SYNs are dropped
 * and a connect waits until its own timeout.
 */
export interface UnacceptingPort {
  readonly port: number;
  close(): Promise<void>;
}

const LISTENER = `
const { parentPort } = require('node:worker_threads');
const server = require('node:net').createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // never accept
});`;

/** Opens one connection; resolves whether it completed within `ms` (the socket is kept either way). */
function tryConnect(port: number, ms: number): Promise<{ socket: Socket; connected: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const timer = setTimeout(() => resolve({ socket, connected: false }), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({ socket, connected: true });
    });
  });
}

/** Starts the listener and fills its accept queue. */
export async function startUnacceptingPort(): Promise<UnacceptingPort> {
  const worker = new Worker(LISTENER, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const fillers: Socket[] = [];
  // a loopback handshake completes at once; the first connect that does not is past a full queue
  for (let i = 0; i < 16; i++) {
    const { socket, connected } = await tryConnect(port, 500);
    fillers.push(socket);
    if (!connected) break;
  }
  return {
    port,
    async close() {
      for (const s of fillers) s.destroy();
      await worker.terminate();
    },
  };
}
