import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RespondError } from '@slack/bolt';
import { responderFor } from '../../../src/slack/respond';

/** Replies through a response_url that is not the request's own, with Bolt's own respond(). */

let server: Server;
let base: string;
const received: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> =
  [];
let status = 200;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status === 200 ? '{"ok":true}' : '{"ok":false,"error":"expired_url"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
  status = 200;
});

describe('responderFor', () => {
  it('POSTs the message as JSON to the response_url, with keep-alive', async () => {
    const message = { response_type: 'ephemeral' as const, text: '說明 · help', blocks: [] };
    await responderFor(`${base}/response/1`)(message);
    await responderFor(`${base}/response/2`)(message);
    expect(received.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/response/1'],
      ['POST', '/response/2'],
    ]);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]!.body)).toEqual(message);
    expect(received[1]!.headers.connection).toBe('keep-alive');
  });

  it('throws Bolt’s RespondError with the status when Slack refuses', async () => {
    status = 404;
    const error = await responderFor(`${base}/response/3`)({ text: 'late' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RespondError);
    expect((error as RespondError).statusCode).toBe(404);
    expect((error as Error).message).toBe('Failed to respond to the response_url: 404 Not Found');
  });

  it('rejects a connection failure and a URL that is not http(s)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // fetch() wraps the socket's error: the refusal is its cause.
    await expect(responderFor(`http://127.0.0.1:${port}/response/4`)({ text: 'x' })).rejects.toMatchObject({
      cause: { code: 'ECONNREFUSED' },
    });
    await expect(responderFor('file:///etc/passwd')({ text: 'x' })).rejects.toThrow();
    await expect(responderFor('not a url')({ text: 'x' })).rejects.toThrow();
  });
});
