import type { JsonSchema } from '../../src/json-schema/json-schema.js';
import { violationsOf } from '../../src/json-schema/strict-validator.js';
import type { ObservedResponse } from './send-request.js';
import { type DocumentedResponse, type FuzzOperation, isJsonMediaType } from './spec-operations.js';

/**
 * How `response` breaks the contract of `operation`, one line per problem (empty when it
 * conforms): a 5xx, a status the operation does not document, a Content-Type other than the
 * documented media type, a body that does not validate against the documented schema, a
 * required header missing or a documented header whose value does not fit its schema.
 */
export function contractViolations(operation: FuzzOperation, response: ObservedResponse): string[] {
  if (response.transportError) return [`no HTTP response: ${response.transportError}`];
  const violations: string[] = [];
  if (response.status >= 500) violations.push(`server error ${response.status}`);
  const documented = documentedResponse(operation, response.status);
  if (!documented) {
    violations.push(
      `status ${response.status} is not documented for ${operation.operationId} (documented: ${Object.keys(operation.responses).join(', ')})`,
    );
    return violations;
  }
  return [...violations, ...bodyViolations(documented, response), ...headerViolations(documented, response)];
}

/** The documented response for a status: exact code first, then `4XX`-style ranges, then `default`. */
export function documentedResponse(operation: FuzzOperation, status: number): DocumentedResponse | undefined {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

function bodyViolations(documented: DocumentedResponse, response: ObservedResponse): string[] {
  const mediaTypes = Object.keys(documented.content);
  const contentType = headerText(response, 'content-type');
  if (mediaTypes.length === 0) {
    return response.text === '' ? [] : [`a body was sent (${contentType ?? 'no Content-Type'}) but none is documented`];
  }
  if (contentType === undefined) return [`no Content-Type; documented: ${mediaTypes.join(', ')}`];
  const received = contentType.split(';')[0]!.trim().toLowerCase();
  const mediaType = mediaTypes.find((documentedType) => mediaTypeMatches(documentedType, received));
  if (mediaType === undefined) return [`Content-Type ${received} is not documented (documented: ${mediaTypes.join(', ')})`];
  const schema = documented.content[mediaType];
  if (!schema) return [];
  if (isJsonMediaType(received)) {
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return [`the ${received} body is not JSON`];
    }
    return violationsOf(schema, body).map((v) => `body does not match the documented schema: ${v}`);
  }
  return textSchema(schema) ? violationsOf(schema, response.text).map((v) => `body does not match the documented schema: ${v}`) : [];
}

function headerViolations(documented: DocumentedResponse, response: ObservedResponse): string[] {
  const violations: string[] = [];
  for (const [name, header] of Object.entries(documented.headers)) {
    const value = headerText(response, name);
    if (value === undefined) {
      if (header.required) violations.push(`required header ${name} is missing`);
      continue;
    }
    if (header.schema) {
      for (const v of violationsOf(header.schema, headerValue(header.schema, value)))
        violations.push(`header ${name}: ${JSON.stringify(value)} ${v}`);
    }
  }
  return violations;
}

/** A header's text read as its schema's type (headers are text; `Retry-After: 42` is an integer). */
function headerValue(schema: JsonSchema, value: string): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function headerText(response: ObservedResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

function mediaTypeMatches(documented: string, received: string): boolean {
  const [type, subtype] = documented.split(';')[0]!.trim().split('/');
  const [receivedType, receivedSubtype] = received.split('/');
  return (type === '*' || type === receivedType) && (subtype === '*' || subtype === receivedSubtype);
}

function textSchema(schema: JsonSchema): boolean {
  return schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
}
