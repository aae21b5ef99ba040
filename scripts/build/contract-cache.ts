import { contractCachePath, findContractPath, writeContractCache } from '../../src/contract/contract-document.js';

/** `make build`: writes dist/openapi.parsed.json, the parse cache the server reads at start-up. */
const contract = findContractPath();
writeContractCache(contract);
console.log(`wrote ${contractCachePath(contract)}`);
