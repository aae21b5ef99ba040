import { ChangeLog, type Change } from './change.js';
import { compareOperation } from './compare-operation.js';
import { majorVersion, type OpenApiDocument } from './openapi-document.js';
import { indexOperations, pathShape, type IndexedOperation } from './operation-index.js';

/** The outcome of comparing a base contract with a new one. */
export interface ContractDiff {
  changes: Change[];
  breaking: Change[];
  baseVersion: string;
  headVersion: string;
  /** Whether `info.version`'s major number went up, which makes breaking changes acceptable. */
  majorBumped: boolean;
  /** 1 when there is a breaking change and the major version was not raised, else 0. */
  exitCode: 0 | 1;
}

/**
 * Classifies every difference between `base` and `head`. Operations are matched by method and
 * path, then by method and path shape (a renamed path parameter), then by operationId (a
 * moved operation); whatever stays unmatched was removed or added.
 */
export function diffContracts(base: OpenApiDocument, head: OpenApiDocument): ContractDiff {
  const log = new ChangeLog();
  const context = { base, head, log };
  const before = indexOperations(base);
  const after = indexOperations(head);
  const unmatched = new Map(after);
  const pairs: [IndexedOperation, IndexedOperation][] = [];
  const lost: IndexedOperation[] = [];

  for (const op of before.values()) {
    const match =
      unmatched.get(op.key) ??
      [...unmatched.values()].find((o) => o.method === op.method && pathShape(o.path) === pathShape(op.path)) ??
      [...unmatched.values()].find((o) => op.operationId !== undefined && o.operationId === op.operationId);
    if (match) {
      unmatched.delete(match.key);
      pairs.push([op, match]);
    } else lost.push(op);
  }

  const headPaths = new Set(Object.keys(head.paths ?? {}));
  const basePaths = new Set(Object.keys(base.paths ?? {}));
  const reported = new Set<string>();
  for (const [from, to] of pairs) {
    if (from.path !== to.path && !reported.has(from.path) && !headPaths.has(from.path)) {
      reported.add(from.path);
      const renamedParam = pathShape(from.path) === pathShape(to.path);
      if (renamedParam) log.breaking('parameter-renamed', to.key, `path parameter renamed: ${from.path} -> ${to.path}`);
      else log.breaking('path-renamed', from.path, `moved to ${to.path}: calls to the old path fail`);
    }
    compareOperation(context, from, to);
  }
  for (const op of lost) {
    if (!headPaths.has(op.path)) {
      if (!reported.has(op.path)) log.breaking('path-removed', op.path, 'path removed with all its operations');
      reported.add(op.path);
    } else log.breaking('operation-removed', op.key, `operation ${op.operationId ?? ''} removed`.replace('  ', ' '));
  }
  const added = new Set<string>();
  for (const op of unmatched.values()) {
    if (!basePaths.has(op.path) && ![...pairs].some(([, to]) => to.path === op.path) && !added.has(op.path)) {
      added.add(op.path);
      log.additive('path-added', op.path, 'new path');
    }
    log.additive('operation-added', op.key, `new operation ${op.operationId ?? ''}`.trim());
  }

  const breaking = log.changes.filter((c) => c.severity === 'breaking');
  const baseMajor = majorVersion(base);
  const headMajor = majorVersion(head);
  const majorBumped = baseMajor !== undefined && headMajor !== undefined && headMajor > baseMajor;
  return {
    changes: log.changes,
    breaking,
    baseVersion: String(base.info?.version ?? ''),
    headVersion: String(head.info?.version ?? ''),
    majorBumped,
    exitCode: breaking.length > 0 && !majorBumped ? 1 : 0,
  };
}
