import type { components } from '../../generated/openapi.js';

/** `core.tabular_frame@v1`, exactly as the contract defines it. */
export type TabularFrame = components['schemas']['TabularFrame'];
export type TabularFrameField = components['schemas']['TabularFrameField'];
export type TabularFrameSource = components['schemas']['TabularFrameSource'];
export type TabularFrameMeta = components['schemas']['TabularFrameMeta'];
export type TabularFrameTimeSeries = components['schemas']['TabularFrameTimeSeries'];

/** The contract id every frame this module builds conforms to. */
export const TABULAR_FRAME_CONTRACT = 'core.tabular_frame@v1';

/** The subset of JSON Schema a row schema uses: an object of typed properties. */
export interface RowSchema {
  type?: string | string[];
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

export interface PropertySchema {
  type?: string | string[];
  format?: string;
  description?: string;
  title?: string;
  $ref?: string;
  allOf?: PropertySchema[];
}
