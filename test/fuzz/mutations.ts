import fc from 'fast-check';

import { falseContentEncoding, malformedJson, missingBody, wrongContentType } from './body-envelope-mutations.js';
import {
  corruptStringField,
  extraField,
  hugeStringField,
  missingRequiredField,
  outOfRangeField,
  wrongTypeField,
} from './body-field-mutations.js';
import { forgedCursor } from './cursor-mutations.js';
import type { FuzzRequest, RequestMutation } from './fuzz-request.js';
import {
  corruptStringParameter,
  hugeStringParameter,
  missingParameter,
  outOfRangeParameter,
  wrongTypeParameter,
} from './parameter-mutations.js';
import { duplicateQueryParameter, unknownQueryParameter } from './query-mutations.js';
import type { FuzzOperation } from './spec-operations.js';
import { validRequest } from './valid-request.js';

/** Every way the fuzzer breaks a valid request; each applies where the operation gives it something to break. */
export const MUTATIONS: readonly RequestMutation[] = [
  missingParameter,
  wrongTypeParameter,
  outOfRangeParameter,
  corruptStringParameter,
  hugeStringParameter,
  duplicateQueryParameter,
  unknownQueryParameter,
  forgedCursor,
  missingBody,
  missingRequiredField,
  wrongTypeField,
  outOfRangeField,
  corruptStringField,
  hugeStringField,
  extraField,
  malformedJson,
  wrongContentType,
  falseContentEncoding,
];

/** A valid request for `operation` broken by one mutation picked among those that apply to it. */
export function mutatedRequest(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  return validRequest(operation).chain((valid) => {
    const applicable = MUTATIONS.map((mutation) => mutation(operation, valid)).filter((m) => m !== undefined);
    // unknownQueryParameter applies to every operation, so the list is never empty.
    return fc.oneof(...applicable);
  });
}

/** Valid and mutated requests for `operation`, mutated ones more often (there are many more ways to be wrong). */
export function fuzzRequest(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  return fc.oneof({ weight: 2, arbitrary: validRequest(operation) }, { weight: 3, arbitrary: mutatedRequest(operation) });
}
