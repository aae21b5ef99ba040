import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

import type { Logger } from 'pino';

import { problem, PROBLEM_CONTENT_TYPE } from '../errors/problem.js';
import type { ProblemCode } from '../errors/problem-code.js';
import { accessLineWriter } from './access-line.js';
import type { BaseHeaders } from './response-headers.js';

/** An answer to a request Node's HTTP parser refused, before any request handler saw it. */
interface ParserAnswer {
  status: number;
  code: ProblemCode;
  detail: string;
}

/**
 * What Node reports on the server's `clientError` event, as the answer it deserves: a client too
 * slow with its headers or its body (`headersTimeout`, `requestTimeout`) a 408, headers (request
 * line included) over Node's 16 KiB a 431, anything else the parser cannot read a 400. A socket
 * error (a reset) gets no answer.
 */
function answerFor(error: NodeJS.ErrnoException): ParserAnswer | undefined {
  const code = error.code ?? '';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { status: 408, code: 'request_timeout', detail: 'The request was not received in full in time' };
  if (code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, code: 'request_header_fields_too_large', detail: 'The request line and headers exceed the server limit' };
  if (code.startsWith('HPE_')) return { status: 400, code: 'malformed_request', detail: 'The request is not valid HTTP/1.1' };
  return undefined;
}

/**
 * Answers what Node's HTTP server would answer by itself on a malformed, oversized or too slow
 * request (a bare status line) with a problem document, the security headers every response
 * carries, `Connection: close`, and one access-log line, through the server's documented
 * `clientError` event, writing to the socket as Node's documentation prescribes there. Nothing is
 * written when the socket cannot take it or a response to the request has already begun: the
 * socket is destroyed, as Node does.
 */
export function answerClientErrors(server: Server, logger: Logger, baseHeaders: BaseHeaders): void {
  const writeAccessLine = accessLineWriter(logger);
  // The last request each socket carried: a timeout may hit one whose handler is still reading its body.
  const lastExchange = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => lastExchange.set(req.socket, { req, res }));

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const answer = answerFor(error);
    const exchange = lastExchange.get(socket);
    // A request whose handler has not answered yet (a body too slow): answered here, logged under its id.
    const pending = exchange && !exchange.res.headersSent ? exchange.req : undefined;
    // A response begun, or sent while its request's body was still coming: no second answer.
    const answered = exchange !== undefined && exchange.res.headersSent && !(exchange.res.writableFinished && exchange.req.complete);
    if (!answer || !socket.writable || answered) {
      socket.destroy();
      return;
    }
    const id = pending?.id ?? randomUUID();
    const body = JSON.stringify(problem(answer.status, answer.code, answer.detail, id));
    const head = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}`];
    for (let i = 0; i < baseHeaders.length; i += 2) head.push(`${baseHeaders[i]}: ${baseHeaders[i + 1]}`);
    head.push(
      `X-Request-Id: ${id}`,
      `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'Connection: close',
    );
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
    // The server keeps the reading half open (allowHalfOpen); once the answer is out, nothing more is read.
    socket.once('finish', () => socket.destroy());
    writeAccessLine(answer.status >= 500 ? 'error' : 'warn', {
      id,
      method: pending?.method ?? '-',
      url: pending?.url ?? '-',
      statusCode: answer.status,
      responseTimeMs: 0,
      userId: pending?.userId,
      message: 'request completed',
    });
  });
}
