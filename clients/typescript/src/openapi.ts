// The contract's types. In the published package this module's declaration file is
// generated/openapi.d.ts itself (copied by scripts/sdk/build-sdk.ts), so the package carries
// its own types and never points back into this repository.
export type { components, operations, paths } from '../../../generated/openapi.js';
