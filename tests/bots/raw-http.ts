// Plain HTTP requests for door tests, byte for byte: malformed request targets, lying lengths, oversize bodies.
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/**
 * Sends `head` (request line and headers, without the blank line) and `body` over a fresh connection and resolves to
 * the answer, read until the server closes. A server that answers early (413) and closes while the body is still
 * being written is fine; a connection closed without any answer rejects.
 * @example await rawRequest(port, 'POST http://[x/tg/hook HTTP/1.1\r\nHost: x') // { status: 400, … }
 */
export function rawRequest(port: number, head: string, body: string | Buffer = '', ms = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${ms} ms to ${head.split('\r\n')[0]}`));
    }, ms);
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (!match) return reject(new Error(`connection closed without an answer to ${head.split('\r\n')[0]}`));
      const [headers = '', rest = ''] = text.split('\r\n\r\n', 2);
      resolve({ status: Number(match[1]), headers, body: rest });
    };
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {}); // EPIPE/ECONNRESET after an early answer: the answer is what counts
    socket.on('close', finish);
    // No half-close after the body: Node's server ends a half-closed connection before a slow answer is ready.
    socket.write(`${head}\r\nConnection: close\r\n\r\n`);
    socket.write(body);
  });
}

/** A request head for a POST to `path` with a JSON content type, the given length and extra header lines. */
export function postHead(path: string, length: number | 'chunked', extra: Record<string, string> = {}): string {
  const lines = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json'];
  lines.push(length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`);
  for (const [name, value] of Object.entries(extra)) lines.push(`${name}: ${value}`);
  return lines.join('\r\n');
}

/** A body in HTTP/1.1 chunked encoding, in chunks of `size` bytes, with the closing zero chunk. */
export function chunked(body: Buffer, size = 64 * 1024): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) {
    const piece = body.subarray(i, i + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** A free TCP port on 127.0.0.1 (free when asked; tests bind it right away). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
