import type { Server } from 'node:http';

import supertest from 'supertest';

import { bodyPayload, type FuzzRequest, requestUrl } from './fuzz-request.js';

/** A response as received: status, lower-cased headers and the raw body text. */
export interface ObservedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Set instead of a response when the exchange itself failed (connection reset, no answer). */
  transportError?: string;
}

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'options' | 'head' | 'trace';

/** Sends `request` to the app's listening server with `authorization`, and reads the raw answer. */
export async function sendRequest(server: Server, request: FuzzRequest, authorization: string | undefined): Promise<ObservedResponse> {
  let call = supertest(server)[request.method.toLowerCase() as Method](requestUrl(request));
  for (const [name, value] of Object.entries(request.headers)) call = call.set(name, value);
  if (authorization !== undefined) call = call.set('Authorization', authorization);
  if (request.body) {
    const { text, contentType } = bodyPayload(request.body);
    if (contentType !== undefined) call = call.set('Content-Type', contentType);
    call = call.send(text);
  }
  try {
    const response = await call.buffer(true).parse(rawText);
    return { status: response.status, headers: response.headers as ObservedResponse['headers'], text: response.body as string };
  } catch (error) {
    return { status: 0, headers: {}, text: '', transportError: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** A superagent parser that keeps every body as text, whatever its media type, so checks see the exact bytes. */
function rawText(response: supertest.Response, done: (error: Error | null, body: string) => void): void {
  // At parse time superagent hands over the Node response stream, typed as its own Response.
  const stream = response as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
  stream.on('error', (error: Error) => done(error, text));
}
