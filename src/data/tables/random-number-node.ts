import { defineDataNode } from '../data-node/data-node-declaration.js';
import { columns } from '../query/column.js';

/** The tutorial's published identifier for a project's random-number series. */
export function randomNumberIdentifier(projectId: string): string {
  return `example_random_number_${projectId}_0.0`;
}

/** The random-number node of `projectId`: one `random_number` per UTC day. */
export function randomNumberNode(projectId: string) {
  return defineDataNode(randomNumberIdentifier(projectId), {
    random_number: columns.real(),
  });
}

export type RandomNumberNode = ReturnType<typeof randomNumberNode>;
