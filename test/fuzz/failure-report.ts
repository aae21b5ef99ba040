import { bodyPayload, type FuzzRequest, requestUrl, truncate } from './fuzz-request.js';
import type { ObservedResponse } from './send-request.js';

const MAX_BODY_CHARS = 1500;

/** Headers helmet and the rate limiter put on every response; left out of reports as noise. */
const STATIC_HEADERS = new Set([
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
  'ratelimit',
  'ratelimit-policy',
  'date',
  'connection',
]);

/** Everything needed to replay one failing exchange by hand. */
export interface FailedExchange {
  operationId: string;
  request: FuzzRequest;
  /** `all-scopes`, `anonymous`, ... and, for invalid tokens, which kind. */
  caller: string;
  authorization: string | undefined;
  response: ObservedResponse;
  violations: string[];
  /** Error lines the server logged for this request. */
  serverLog: string[];
}

/** A readable account of a failing exchange: what broke, the request as sent and the response as received. */
export function describeFailure(failure: FailedExchange): string {
  const { request, response } = failure;
  const lines = [
    `${failure.operationId}: ${failure.violations.length} contract violation(s) as ${failure.caller}`,
    ...failure.violations.map((v) => `  - ${v}`),
    '',
    'Request:',
    `  ${request.method} ${truncate(requestUrl(request), 2000)}`,
    ...(failure.authorization !== undefined ? [`  authorization: ${shortenCredential(failure.authorization)}`] : []),
    ...Object.entries(request.headers).map(([name, value]) => `  ${name}: ${value}`),
  ];
  if (request.body) {
    const { text, contentType } = bodyPayload(request.body);
    lines.push(`  content-type: ${contentType ?? '(none)'}`, '', `  ${truncate(text, MAX_BODY_CHARS)}`);
  }
  lines.push(
    `  (${request.mutation ? `mutation: ${request.mutation}` : 'valid request'}${request.mustReject ? '; the contract forbids it' : ''})`,
    '',
  );
  if (response.transportError) {
    lines.push(`Response: none (${response.transportError})`);
  } else {
    lines.push(`Response: ${response.status}`);
    const headers = Object.entries(response.headers);
    for (const [name, value] of headers.filter(([name]) => !STATIC_HEADERS.has(name))) {
      lines.push(`  ${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
    }
    const omitted = headers.filter(([name]) => STATIC_HEADERS.has(name)).length;
    if (omitted > 0) lines.push(`  (${omitted} security, rate-limit and date headers every response carries left out)`);
    lines.push('', `  ${truncate(response.text, MAX_BODY_CHARS)}`);
  }
  if (failure.serverLog.length > 0)
    lines.push('', 'Server log for this request:', ...failure.serverLog.map((l) => `  ${truncate(l, MAX_BODY_CHARS)}`));
  return lines.join('\n');
}

/** `Bearer eyJhbGciOi…(312 chars)…Xk2c`: enough to tell tokens apart, too little to reuse one. */
export function shortenCredential(authorization: string): string {
  const [scheme, ...rest] = authorization.split(' ');
  const secret = rest.join(' ');
  if (secret.length <= 24) return authorization;
  return `${scheme} ${secret.slice(0, 10)}…(${secret.length} chars)…${secret.slice(-4)}`;
}
