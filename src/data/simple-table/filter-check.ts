import { type FieldError, InvalidInputError } from '../../errors/app-error.js';
import { type Column, fitsIntegerColumn, INTEGER_COLUMN_MESSAGE } from '../query/column.js';
import { type Filter, FILTER_OPERATORS, type FilterCondition, type FilterNode, type FilterOperator } from './filter.js';
import type { TableDeclaration } from './table-declaration.js';

const MAX_DEPTH = 8;
const MAX_CONDITIONS = 100;
const MAX_LIST_VALUES = 500;
const MAX_TEXT_LENGTH = 1024;

const TEXT_ONLY: ReadonlySet<FilterOperator> = new Set(['contains', 'startsWith', 'endsWith']);
const ORDERED: ReadonlySet<FilterOperator> = new Set(['lt', 'lte', 'gt', 'gte', 'between']);

/** A filter that does not fit its table; `errors` point into the filter (`filter.items[0].value`). */
export class FilterError extends InvalidInputError {}

/**
 * Checks a filter (typed or straight off the wire) against the table declaration and returns
 * it with values normalised for storage comparison. Anything not declared is refused, so an
 * HTTP caller can never reach a column, operator or value type the declaration does not allow.
 */
export function checkFilter<T extends TableDeclaration>(table: T, input: unknown, path = 'filter'): Filter<T> {
  const errors: FieldError[] = [];
  const state = { conditions: 0 };
  const checked = checkNode(table, input, path, 0, errors, state);
  if (errors.length > 0 || checked === undefined) {
    throw new FilterError(`invalid filter: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);
  }
  return checked as Filter<T>;
}

function checkNode(
  table: TableDeclaration,
  input: unknown,
  path: string,
  depth: number,
  errors: FieldError[],
  state: { conditions: number },
): FilterNode | undefined {
  if (!isObject(input)) return fail(errors, path, 'must be a filter object');
  if (depth > MAX_DEPTH) return fail(errors, path, `nests deeper than ${MAX_DEPTH} groups`);
  if (input.type === 'group') {
    if (input.logic !== 'and' && input.logic !== 'or') return fail(errors, `${path}.logic`, 'must be "and" or "or"');
    if (!Array.isArray(input.items) || input.items.length === 0) {
      return fail(errors, `${path}.items`, 'must be a non-empty array');
    }
    const extra = Object.keys(input).filter((k) => !['type', 'logic', 'items'].includes(k));
    if (extra.length > 0) return fail(errors, path, `has unknown properties: ${extra.join(', ')}`);
    const items = input.items.map((item, i) => checkNode(table, item, `${path}.items[${i}]`, depth + 1, errors, state));
    return { type: 'group', logic: input.logic, items: items.filter((i): i is FilterNode => i !== undefined) };
  }
  if (input.type !== 'condition') return fail(errors, `${path}.type`, 'must be "condition" or "group"');
  const extra = Object.keys(input).filter((k) => !['type', 'field', 'op', 'value'].includes(k));
  if (extra.length > 0) return fail(errors, path, `has unknown properties: ${extra.join(', ')}`);
  state.conditions += 1;
  if (state.conditions > MAX_CONDITIONS) return fail(errors, path, `more than ${MAX_CONDITIONS} conditions`);
  return checkCondition(table, input, path, errors);
}

function checkCondition(
  table: TableDeclaration,
  input: Record<string, unknown>,
  path: string,
  errors: FieldError[],
): FilterCondition | undefined {
  const { field, op } = input;
  const column = typeof field === 'string' && Object.hasOwn(table.columns, field) ? table.columns[field] : undefined;
  if (!column) return fail(errors, `${path}.field`, `unknown column ${JSON.stringify(field)}`);
  if (!column.flags.filterable) return fail(errors, `${path}.field`, `column ${field} is not filterable`);
  if (typeof op !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(op)) {
    return fail(errors, `${path}.op`, `must be one of ${FILTER_OPERATORS.join(', ')}`);
  }
  const operator = op as FilterOperator;
  if (TEXT_ONLY.has(operator) && column.kind !== 'text') {
    return fail(errors, `${path}.op`, `${operator} applies to text columns only`);
  }
  if (ORDERED.has(operator) && column.kind === 'boolean') {
    return fail(errors, `${path}.op`, `${operator} does not apply to boolean columns`);
  }
  const valuePath = `${path}.value`;
  let value: unknown;
  switch (operator) {
    case 'isNull':
      if (typeof input.value !== 'boolean') return fail(errors, valuePath, 'must be true or false');
      value = input.value;
      break;
    case 'in':
    case 'notIn':
      if (!Array.isArray(input.value) || input.value.length === 0 || input.value.length > MAX_LIST_VALUES) {
        return fail(errors, valuePath, `must be an array of 1 to ${MAX_LIST_VALUES} values`);
      }
      value = input.value.map((v, i) => checkValue(column, v, `${valuePath}[${i}]`, errors));
      break;
    case 'between':
      if (!Array.isArray(input.value) || input.value.length !== 2) {
        return fail(errors, valuePath, 'must be [low, high]');
      }
      value = input.value.map((v, i) => checkValue(column, v, `${valuePath}[${i}]`, errors));
      break;
    default:
      value = checkValue(column, input.value, valuePath, errors);
  }
  return { type: 'condition', field: field as string, op: operator, value };
}

function checkValue(column: Column, value: unknown, path: string, errors: FieldError[]): unknown {
  switch (column.kind) {
    case 'integer':
      if (!fitsIntegerColumn(value)) fail(errors, path, INTEGER_COLUMN_MESSAGE);
      return value;
    case 'real':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(errors, path, 'must be a finite number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') fail(errors, path, 'must be true or false');
      return value;
    case 'text':
      if (typeof value !== 'string') return fail(errors, path, 'must be a string');
      if (value.length > MAX_TEXT_LENGTH) fail(errors, path, `must be at most ${MAX_TEXT_LENGTH} characters`);
      if (value.includes('\u0000')) fail(errors, path, 'must not contain NUL characters');
      return value;
    case 'timestamp': {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) return fail(errors, path, 'must be an ISO 8601 date-time');
      return date;
    }
  }
}

function fail(errors: FieldError[], field: string, message: string): undefined {
  errors.push({ field, message });
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
