/**
 * Speaks HTTP/1.1 over a plain TCP socket (node:net), so a test can send what no
 * HTTP client would: an unparsable request target, a chunked body of any size.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  statusLine: string;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` as is and resolves with the answer once the server closes the socket. */
export function rawRequest(port: number, request: string | Buffer, { timeoutMs = 2_000 } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms (received: ${JSON.stringify(Buffer.concat(chunks).toString())})`));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may reset the socket after an early answer; what it sent first still counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString();
      if (text === '') return reject(new Error('the server closed the connection without answering'));
      resolve(parseAnswer(text));
    });
    socket.write(request);
  });
}

function parseAnswer(text: string): RawAnswer {
  const [head = '', body = ''] = text.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusLine, headers, body };
}
