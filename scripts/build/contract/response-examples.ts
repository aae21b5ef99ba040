import type { Operation } from 'openapi-backend';

import type { ResponseExamples } from '../../../src/contract/compiled-contract.js';

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

/** operationId -> status -> examples, from the dereferenced operations. */
export function responseExamples(operations: Operation[]): Record<string, Record<string, ResponseExamples>> {
  const result: Record<string, Record<string, ResponseExamples>> = {};
  for (const operation of operations) {
    const byStatus: Record<string, ResponseExamples> = {};
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const { content = {}, headers = {} } = response as { content?: Record<string, MediaType>; headers?: Record<string, HeaderObject> };
      // As openapi-backend's mock picked it: application/json when documented, else the first media type.
      const media = content['application/json'] ?? Object.values(content)[0];
      const named = Object.fromEntries(Object.entries(media?.examples ?? {}).map(([name, example]) => [name, example.value]));
      byStatus[status] = {
        example: media?.example ?? Object.values(named)[0],
        named,
        headers: Object.fromEntries(
          Object.entries(headers).flatMap(([name, header]) => {
            const example = headerExample(header);
            return example === undefined ? [] : [[name, String(example)]];
          }),
        ),
      };
    }
    result[operation.operationId!] = byStatus;
  }
  return result;
}

interface HeaderObject {
  example?: unknown;
  schema?: { example?: unknown; examples?: unknown[] };
}

/** A header's documented example; none for a header the mock must work out (`Link`, `Location`) or leave out. */
function headerExample(header: HeaderObject): unknown {
  return header.example ?? header.schema?.example ?? header.schema?.examples?.[0];
}
