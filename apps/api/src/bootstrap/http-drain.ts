import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Socket } from 'node:net';

// A connection without a request for this long is closed while draining. Not at once: a client
// that has just connected is about to send its request, and cutting it would reset that request.
const IDLE_CLOSE_MS = 1000;
const TICK_MS = 100;
// Connections whose TCP handshake completed but that a busy event loop has not accepted yet sit in
// the kernel's backlog; closing the listener resets them (ECONNRESET, a request cut without an
// answer). Keep accepting this long after SIGTERM so they are taken and served, then stop.
const ACCEPT_GRACE_MS = 250;

interface ConnectionState {
  active: number;
  // Last time the connection ended a response or received bytes.
  quietSince: number;
  bytesRead: number;
}

// Graceful HTTP drain. http.Server#close() would also close every connection that has no request
// *yet*, resetting requests sent a moment before SIGTERM; this stops listening only, serves
// whatever arrives on open connections (with `Connection: close`), and closes them once quiet.
export class HttpDrain {
  private readonly connections = new Map<Socket, ConnectionState>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, { active: 0, quietSince: Date.now(), bytesRead: 0 });
      socket.once('close', () => this.connections.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.track(req.socket, res));
  }

  private track(socket: Socket, res: ServerResponse): void {
    const state = this.connections.get(socket);
    if (!state) return;
    state.active += 1;
    if (this.draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      state.active -= 1;
      state.quietSince = Date.now();
    });
  }

  // Bytes read since the last look mean a request is arriving (headers not parsed yet): keep it.
  private closeIdle(now: number): void {
    for (const [socket, state] of this.connections) {
      if (socket.bytesRead !== state.bytesRead) {
        state.bytesRead = socket.bytesRead;
        state.quietSince = now;
      }
      if (state.active === 0 && now - state.quietSince >= IDLE_CLOSE_MS) socket.destroy();
    }
  }

  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(ACCEPT_GRACE_MS, timeoutMs)));
    if (this.server.listening) NetServer.prototype.close.call(this.server);
    const started = Date.now();
    const deadline = started + timeoutMs;
    // Quiet time counts from the drain's start: a keep-alive connection idle for minutes may carry
    // a request that the event loop has not read yet.
    for (const state of this.connections.values()) state.quietSince = Math.max(state.quietSince, started);
    while (this.connections.size > 0 && Date.now() < deadline) {
      this.closeIdle(Date.now());
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    for (const socket of this.connections.keys()) socket.destroy();
  }
}
