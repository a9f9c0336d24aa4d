import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { httpStatusError, PluginError } from '@waymark/plugin-sdk';
import type { PluginContext } from '@waymark/plugin-sdk';
import type { FileImportConfig } from './config.js';

const CHUNK_BYTES = 1 << 20;

/** The file's bytes from `offset` onwards, as Buffers of at most ~1 MiB. */
export async function* readFrom(ctx: PluginContext<FileImportConfig>, offset: number): AsyncGenerator<Buffer> {
  const { path, url } = ctx.config;
  if (path !== undefined) {
    yield* readLocal(path, offset, ctx.signal);
    return;
  }
  if (url !== undefined) yield* readRemote(ctx, url, offset);
}

async function* readLocal(path: string, offset: number, signal: AbortSignal): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { start: offset, highWaterMark: CHUNK_BYTES, signal });
  try {
    for await (const chunk of stream) {
      if (!Buffer.isBuffer(chunk)) throw new PluginError('upstream_error', `Reading ${path} returned text instead of bytes`);
      yield chunk;
    }
  } catch (error) {
    throw fileError(error, path);
  } finally {
    stream.destroy();
  }
}

async function* readRemote(ctx: PluginContext<FileImportConfig>, url: string, offset: number): AsyncGenerator<Buffer> {
  const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
  const response = await ctx.http.fetch(url, { headers, signal: ctx.signal });
  if (response.status === 416) return; // Range starts at the end: nothing new.
  if (!response.ok) throw httpStatusError(response.status, new URL(url).origin + new URL(url).pathname);
  const body = response.body;
  if (!body) return;
  // A server that ignores Range sends the whole file: skip what was already imported.
  let toSkip = offset > 0 && response.status !== 206 ? offset : 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (toSkip >= chunk.length) {
        toSkip -= chunk.length;
        continue;
      }
      yield chunk.subarray(toSkip);
      toSkip = 0;
    }
  } finally {
    await reader.cancel();
  }
}

/** Fails with an actionable error when the configured file cannot be read. */
export async function checkReadable(ctx: PluginContext<FileImportConfig>): Promise<void> {
  const { path, url } = ctx.config;
  if (path !== undefined) {
    try {
      await access(path, constants.R_OK);
    } catch (error) {
      throw fileError(error, path);
    }
    return;
  }
  if (url !== undefined) {
    const response = await ctx.http.response(url, { headers: { range: 'bytes=0-0' } });
    await response.body?.cancel();
  }
}

function fileError(error: unknown, path: string): PluginError {
  if (error instanceof PluginError) return error;
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  if (code === 'ENOENT') return new PluginError('config_invalid', `File ${path} does not exist on the worker`, { cause: error });
  if (code === 'EACCES') return new PluginError('config_invalid', `File ${path} is not readable by the worker`, { cause: error });
  if (error instanceof Error && error.name === 'AbortError') return new PluginError('aborted', `Reading ${path} was cancelled`, { cause: error });
  return new PluginError('upstream_unavailable', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
