import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PluginContext, PluginDefinition, WebhookRequest } from '@waymark/plugin-sdk';

export interface Receiver {
  url: string;
  close(): Promise<void>;
}

/**
 * A minimal webhook receiver standing in for the platform's route: raw body → verify → parse.
 * Answers 401 on a bad signature and 202 with the plugin's result otherwise.
 */
export async function startReceiver<TConfig>(plugin: PluginDefinition<TConfig>, ctx: PluginContext<TConfig>): Promise<Receiver> {
  const webhook = plugin.webhook;
  if (!webhook) throw new Error(`${plugin.id} has no webhook capability`);
  const server = createServer((req, res) => {
    void (async () => {
      const request: WebhookRequest = { headers: headersOf(req), rawBody: await readBody(req) };
      if (!(await webhook.verify(request, ctx))) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid signature' }));
        return;
      }
      const result = await webhook.parse(JSON.parse(new TextDecoder().decode(request.rawBody)), ctx);
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('receiver has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/webhooks/survey`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
