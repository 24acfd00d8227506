/**
 * Server-sent event streams: the connection handling every live stream shares
 * (the unread badge, a campaign's live counter). A stream takes over the raw
 * response, keeps proxies from closing or buffering it, and ends cleanly: when
 * the client goes, when it stops reading, and at shutdown, when the server
 * would otherwise wait for each kept-alive connection.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A client that reads nothing while this much is queued for it is gone or hopeless: its stream ends. */
const MAX_BUFFERED_BYTES = 64 * 1024;

export interface SseStream {
  /** Sends one event (or comment) as written; nothing once the stream has ended. */
  write(chunk: string): void;
  end(): void;
  readonly ended: boolean;
  /** Runs `cleanup` when the stream ends (at once if it already has). */
  onEnd(cleanup: () => void): void;
}

export interface SseStreams {
  /**
   * Takes over the response and starts a stream. `retryMs`: how long the browser
   * waits before reconnecting; `onHeartbeat` runs with each keep-alive comment.
   */
  start(request: FastifyRequest, reply: FastifyReply, options: { retryMs: number; onHeartbeat?: (stream: SseStream) => void }): SseStream;
  /** Open streams. */
  readonly size: number;
  /** Ends every open stream and closes its connection (app shutdown: the server waits for every connection). */
  endAll(): void;
}

/** `heartbeatMs`: how often a comment line keeps proxies from closing an idle connection. */
export function createSseStreams(options: { heartbeatMs: number }): SseStreams {
  const open = new Set<(closeConnection?: boolean) => void>();

  return {
    get size() {
      return open.size;
    },
    start(request, reply, { retryMs, onHeartbeat }) {
      // From here on the response is ours: Fastify neither serialises nor ends it.
      // Headers set earlier by hooks (helmet's) live on the raw response and are kept.
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // nginx and similar proxies would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${retryMs}\n\n`);

      let ended = false;
      let heartbeat: NodeJS.Timeout | undefined;
      const cleanups: (() => void)[] = [];
      const end = (closeConnection = false) => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        open.delete(end);
        for (const cleanup of cleanups) cleanup();
        if (res.writableEnded) return;
        // At shutdown a kept-alive connection would not count as idle until the end has been flushed,
        // and the server would wait for its keep-alive timeout: close it once the end is out.
        if (closeConnection) res.end(() => res.socket?.destroy());
        else res.end();
      };
      const stream: SseStream = {
        write(chunk) {
          if (ended) return;
          if (res.writableLength > MAX_BUFFERED_BYTES) return end(true);
          res.write(chunk);
        },
        end: () => end(),
        get ended() {
          return ended;
        },
        onEnd(cleanup) {
          if (ended) cleanup();
          else cleanups.push(cleanup);
        },
      };
      heartbeat = setInterval(() => {
        stream.write(': keep-alive\n\n');
        if (!ended) onHeartbeat?.(stream);
      }, options.heartbeatMs);
      heartbeat.unref();
      open.add(end);
      res.on('close', () => end());
      res.on('error', () => end());
      // The client may have gone while the request was being answered: its 'close' has been and gone.
      if (request.raw.socket?.destroyed === true) end();
      return stream;
    },
    endAll() {
      for (const end of [...open]) end(true);
    },
  };
}
