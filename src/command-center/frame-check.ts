import { Ajv } from 'ajv';

import { withFormats } from '../json-schema/formats.js';
import { TABULAR_FRAME_CONTRACT } from './frame-types.js';

/** One way a payload breaks `core.tabular_frame@v1`. */
export interface FrameViolation {
  path: string;
  message: string;
}

/**
 * Checks a payload against `core.tabular_frame@v1`: the schema (taken from the contract
 * document, so there is one definition) plus the rules a schema cannot state: rows carry
 * exactly the frame's columns, fields describe known columns, values match their field types
 * and time values are integer epoch milliseconds.
 */
export function createFrameChecker(contractDocument: object): (payload: unknown) => FrameViolation[] {
  const schemas = (contractDocument as { components?: { schemas?: Record<string, { 'x-contract-id'?: string }> } }).components?.schemas;
  if (schemas?.TabularFrame?.['x-contract-id'] !== TABULAR_FRAME_CONTRACT) {
    throw new Error(`the contract does not define TabularFrame as ${TABULAR_FRAME_CONTRACT}`);
  }
  const ajv = withFormats(new Ajv({ strict: false, allErrors: true }));
  ajv.addSchema({ components: { schemas } }, 'contract');
  const validate = ajv.compile({ $ref: 'contract#/components/schemas/TabularFrame' });

  return (payload) => {
    if (!validate(payload)) {
      return (validate.errors ?? []).map((e) => ({
        path: e.instancePath || '/',
        message:
          e.keyword === 'additionalProperties' ? `unknown property ${String(e.params.additionalProperty)}` : (e.message ?? 'invalid'),
      }));
    }
    return semanticViolations(payload as Frame);
  };
}

interface Frame {
  columns: string[];
  rows: Record<string, unknown>[];
  fields?: { key: string; type: string; nullable?: boolean }[];
  meta?: { timeSeries?: { timeField: string; valueField?: string; sorted: boolean } };
}

function semanticViolations(frame: Frame): FrameViolation[] {
  const violations: FrameViolation[] = [];
  const columns = new Set(frame.columns);
  if (columns.size !== frame.columns.length) violations.push({ path: '/columns', message: 'columns repeat a key' });
  frame.rows.forEach((row, i) => {
    const keys = Object.keys(row);
    const extra = keys.filter((k) => !columns.has(k));
    const missing = frame.columns.filter((c) => !(c in row));
    if (extra.length > 0) violations.push({ path: `/rows/${i}`, message: `keys not in columns: ${extra.join(', ')}` });
    if (missing.length > 0) violations.push({ path: `/rows/${i}`, message: `missing columns: ${missing.join(', ')}` });
  });
  for (const [i, field] of (frame.fields ?? []).entries()) {
    if (!columns.has(field.key)) {
      violations.push({ path: `/fields/${i}/key`, message: `field ${field.key} is not in columns` });
      continue;
    }
    frame.rows.forEach((row, r) => {
      const problem = valueProblem(field, row[field.key]);
      if (problem) violations.push({ path: `/rows/${r}/${field.key}`, message: problem });
    });
  }
  const timeSeries = frame.meta?.timeSeries;
  if (timeSeries) {
    if (!columns.has(timeSeries.timeField))
      violations.push({ path: '/meta/timeSeries/timeField', message: `${timeSeries.timeField} is not in columns` });
    if (timeSeries.valueField && !columns.has(timeSeries.valueField)) {
      violations.push({ path: '/meta/timeSeries/valueField', message: `${timeSeries.valueField} is not in columns` });
    }
    const times = frame.rows.map((row) => row[timeSeries.timeField]);
    times.forEach((t, r) => {
      if (!Number.isSafeInteger(t))
        violations.push({ path: `/rows/${r}/${timeSeries.timeField}`, message: 'time must be integer epoch milliseconds' });
    });
    if (timeSeries.sorted && times.some((t, r) => r > 0 && (t as number) < (times[r - 1] as number))) {
      violations.push({ path: '/meta/timeSeries/sorted', message: 'rows are not sorted by time' });
    }
  }
  return violations;
}

function valueProblem(field: { key: string; type: string; nullable?: boolean }, value: unknown): string | undefined {
  if (value === null || value === undefined) return field.nullable === false ? `${field.key} is not nullable` : undefined;
  switch (field.type) {
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : `expected an integer, got ${JSON.stringify(value)}`;
    case 'number':
      return typeof value === 'number' ? undefined : `expected a number, got ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, got ${JSON.stringify(value)}`;
    case 'datetime':
    case 'date':
      return Number.isSafeInteger(value) ? undefined : `expected integer epoch milliseconds, got ${JSON.stringify(value)}`;
    case 'string':
    case 'time':
      return typeof value === 'string' ? undefined : `expected a string, got ${JSON.stringify(value)}`;
    default:
      return undefined;
  }
}
