import { CommandCenterContractError, type DiscoveryParameter, type DiscoveryParameters } from './discovery-types.js';
import { humanLabel } from './human-label.js';

/** An OpenAPI Parameter Object, `$ref`s resolved. */
export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: ParameterSchema;
}

/** The part of a (resolved) parameter schema the translation reads. */
interface ParameterSchema {
  type?: string | string[];
  enum?: unknown[];
  title?: string;
  description?: string;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  allOf?: ParameterSchema[];
}

const LOCATIONS = { path: 'path', query: 'query', header: 'headers' } as const;

/** An operation's parameters, by where they travel, translated for Command Center. */
export function discoveryParameters(operationId: string, parameters: readonly OpenApiParameter[]): Required<DiscoveryParameters> {
  const grouped: Required<DiscoveryParameters> = { path: [], query: [], headers: [] };
  for (const parameter of parameters) {
    if (parameter.in === 'cookie')
      throw new CommandCenterContractError(operationId, `cookie parameter ${parameter.name} cannot be sent by Command Center`);
    grouped[LOCATIONS[parameter.in]].push(discoveryParameter(operationId, parameter));
  }
  return grouped;
}

/**
 * One parameter: integer and number become `number`, boolean `boolean`, an enum `select` with
 * its options, objects and arrays `json`, strings stay `string`; the schema's bounds become
 * `validation`, its default `defaultValue`, and `required`, `example` and `description` carry over.
 */
export function discoveryParameter(operationId: string, parameter: OpenApiParameter): DiscoveryParameter {
  const schema = flatten(parameter.schema ?? {});
  const translated: DiscoveryParameter = {
    key: parameter.name,
    label: schema.title ?? humanLabel(parameter.name),
    type: valueType(operationId, parameter.name, schema),
  };
  const description = parameter.description ?? schema.description;
  if (description !== undefined) translated.description = description;
  translated.required = parameter.in === 'path' || parameter.required === true;
  if (schema.default !== undefined) translated.defaultValue = schema.default;
  const example = parameter.example ?? schema.example ?? schema.examples?.[0];
  if (example !== undefined) translated.example = example;
  if (schema.enum) translated.options = schema.enum.map((value) => option(operationId, parameter.name, value));
  const validation = validationOf(schema);
  if (Object.keys(validation).length > 0) translated.validation = validation;
  return translated;
}

function valueType(operationId: string, name: string, schema: ParameterSchema): DiscoveryParameter['type'] {
  if (schema.enum) return 'select';
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t) => t !== undefined && t !== 'null');
  switch (types[0]) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'object':
    case 'array':
      return 'json';
    default:
      throw new CommandCenterContractError(operationId, `parameter ${name} has no type Command Center can edit (its schema needs a type)`);
  }
}

function option(operationId: string, name: string, value: unknown) {
  const text = String(value);
  if (!/\S/.test(text)) throw new CommandCenterContractError(operationId, `parameter ${name} has a blank enum value`);
  return { label: text, value: text };
}

function validationOf(schema: ParameterSchema): NonNullable<DiscoveryParameter['validation']> {
  const validation: NonNullable<DiscoveryParameter['validation']> = {};
  if (schema.pattern !== undefined) validation.pattern = schema.pattern;
  if (schema.minimum !== undefined) validation.min = schema.minimum;
  if (schema.maximum !== undefined) validation.max = schema.maximum;
  if (schema.minLength !== undefined) validation.minLength = schema.minLength;
  if (schema.maxLength !== undefined) validation.maxLength = schema.maxLength;
  return validation;
}

/** A resolved `$ref` with constraining siblings is `allOf: [target, siblings]`; one value, read together. */
function flatten(schema: ParameterSchema): ParameterSchema {
  if (!schema.allOf?.length) return schema;
  const { allOf, ...rest } = schema;
  return Object.assign({}, ...allOf.map(flatten), rest) as ParameterSchema;
}
