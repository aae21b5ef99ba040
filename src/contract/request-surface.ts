import { resolveLocalRefs } from './local-ref-resolver.js';

type Raw = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** What a browser may send to the API, as the contract declares it: for CORS preflight answers. */
export interface RequestSurface {
  /** Upper-case methods of every operation. */
  methods: string[];
  /** Names of every header parameter of every operation, as written. */
  headers: string[];
}

/** The methods and request headers the contract's operations declare. */
export function requestSurface(document: Raw): RequestSurface {
  const methods = new Set<string>();
  const headers = new Map<string, string>();
  for (const item of Object.values((document.paths ?? {}) as Record<string, Raw>)) {
    const resolved = resolveLocalRefs(document, item, { cycles: 'bundle' });
    for (const method of METHODS) {
      const operation = resolved[method] as Raw | undefined;
      if (!operation) continue;
      methods.add(method.toUpperCase());
      for (const parameter of [...((resolved.parameters ?? []) as Raw[]), ...((operation.parameters ?? []) as Raw[])]) {
        if (parameter.in === 'header' && typeof parameter.name === 'string') headers.set(parameter.name.toLowerCase(), parameter.name);
      }
    }
  }
  return { methods: [...methods], headers: [...headers.values()] };
}
