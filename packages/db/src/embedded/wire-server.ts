import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

// Serves one PGlite over the PostgreSQL wire protocol to many client connections. PGlite is a
// single session, so connections take turns at protocol-unit granularity (a simple Query, or an
// extended-protocol batch up to its Sync): a unit never interleaves with another connection's, and
// a connection that leaves a transaction open keeps the session until it commits or rolls back.
// (@electric-sql/pglite-socket multiplexes per message, which lets two clients' unnamed
// statements clobber each other.)

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

interface Unit {
  conn: Connection;
  bytes: Uint8Array;
  // Queued when a connection closes: runs only if that connection still holds a transaction.
  rollbackIfOwner?: boolean;
}

function simpleQuery(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`, 'utf8');
  const head = Buffer.alloc(5);
  head.write('Q', 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

class Connection {
  private buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private started = false;
  closed = false;

  constructor(
    readonly socket: Socket,
    private readonly submit: (unit: Unit) => void,
  ) {}

  receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (!this.closed) {
      const message = this.started ? this.takeTyped() : this.takeStartup();
      if (message === null) return;
    }
  }

  private takeStartup(): Buffer | null {
    if (this.buffer.length < 8) return null;
    const length = this.buffer.readInt32BE(0);
    if (this.buffer.length < length) return null;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    const code = message.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSS_REQUEST) this.socket.write('N');
    else if (code === CANCEL_REQUEST) this.socket.end();
    else if (code === PROTOCOL_3) {
      this.started = true;
      this.submit({ conn: this, bytes: message });
    } else this.socket.destroy(new Error(`unsupported protocol ${code}`));
    return message;
  }

  private takeTyped(): Buffer | null {
    if (this.buffer.length < 5) return null;
    const length = this.buffer.readInt32BE(1) + 1;
    if (this.buffer.length < length) return null;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    const type = String.fromCharCode(message[0] ?? 0);
    if (type === 'X') {
      this.socket.end();
      return message;
    }
    this.pending.push(message);
    // Q is a unit on its own; extended-protocol messages run together up to Sync (or Flush).
    if (type === 'Q' || type === 'S' || type === 'H' || type === 'c' || type === 'f') {
      this.submit({ conn: this, bytes: Buffer.concat(this.pending) });
      this.pending = [];
    }
    return message;
  }
}

export interface WireServer {
  port: number;
  connections(): number;
  close(): Promise<void>;
}

export async function serveWire(pglite: PGlite, options: { host?: string; port?: number } = {}): Promise<WireServer> {
  const queue: Unit[] = [];
  const live = new Set<Connection>();
  let owner: Connection | null = null;
  let running = false;

  const next = (): Unit | undefined => {
    const index = owner === null ? 0 : queue.findIndex((u) => u.conn === owner);
    if (index < 0 || index >= queue.length) return undefined;
    return queue.splice(index, 1)[0];
  };

  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (let unit = next(); unit !== undefined; unit = next()) {
        const { conn, bytes } = unit;
        if (unit.rollbackIfOwner === true && owner !== conn) continue;
        await pglite.runExclusive(() =>
          pglite.execProtocolRawStream(bytes, {
            onRawData: (data) => {
              if (!conn.closed) conn.socket.write(data);
            },
          }),
        );
        owner = pglite.isInTransaction() ? conn : null;
      }
    } finally {
      running = false;
    }
  };

  const release = (conn: Connection): Promise<void> => {
    conn.closed = true;
    live.delete(conn);
    for (let i = queue.length - 1; i >= 0; i -= 1) if (queue[i]?.conn === conn) queue.splice(i, 1);
    // A client that vanished mid-transaction must not leave the shared session inside it.
    queue.push({ conn, bytes: simpleQuery('ROLLBACK'), rollbackIfOwner: true });
    return pump();
  };

  const server: Server = createServer((socket) => {
    socket.setNoDelay(true);
    const conn = new Connection(socket, (unit) => {
      queue.push(unit);
      pump().catch((error: unknown) => socket.destroy(error instanceof Error ? error : new Error(String(error))));
    });
    live.add(conn);
    socket.on('data', (chunk) => conn.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      release(conn).catch((error: unknown) => console.error('[embedded-pg] releasing a closed connection failed:', error));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : 0;
  return {
    port,
    connections: () => live.size,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const conn of live) conn.socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
