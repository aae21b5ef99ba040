import { describe, expect, it } from 'vitest';

import { benchTargets } from '../../bench/bench-targets.js';
import { EXTRA_CA_CERTS_VARIABLE, floorLaunch, serviceLaunch, withHostExtraCaCerts } from '../../bench/launches.js';
import { benchResults, formatReport } from '../../bench/report.js';

// Any file that exists stands in for the built entry; the launch is only described, never run.
const entry = new URL('../../package.json', import.meta.url).pathname;
const hostCaFile = '/etc/ssl/certs/ca-certificates.crt';

describe("the bench's server launches", () => {
  it("leave out the host's NODE_EXTRA_CA_CERTS, which the servers do not need and Node parses at every start", () => {
    const saved = process.env[EXTRA_CA_CERTS_VARIABLE];
    process.env[EXTRA_CA_CERTS_VARIABLE] = hostCaFile;
    try {
      const service = serviceLaunch(':memory:', 'secret', 'info', [], entry);
      expect(service.env).not.toHaveProperty(EXTRA_CA_CERTS_VARIABLE);
      expect(service.env.NODE_ENV).toBe('production');
      expect(floorLaunch(':memory:').env).not.toHaveProperty(EXTRA_CA_CERTS_VARIABLE);
    } finally {
      if (saved === undefined) delete process.env[EXTRA_CA_CERTS_VARIABLE];
      else process.env[EXTRA_CA_CERTS_VARIABLE] = saved;
    }
  });

  it("give the host's variable back for the second cold-start series, and make none when the host sets none", () => {
    const service = serviceLaunch(':memory:', 'secret', 'info', [], entry);
    const withHost = withHostExtraCaCerts(service, { [EXTRA_CA_CERTS_VARIABLE]: hostCaFile });
    expect(withHost?.env[EXTRA_CA_CERTS_VARIABLE]).toBe(hostCaFile);
    expect(withHost?.args).toEqual(service.args);
    expect(service.env).not.toHaveProperty(EXTRA_CA_CERTS_VARIABLE);
    expect(withHostExtraCaCerts(service, {})).toBeUndefined();
  });

  it('report the cold start with the host variable beside the judged one, without judging it', () => {
    const results = benchResults([], 100, 240.04, 0.5, 301.26);
    expect(results).toMatchObject({ cold_start_ms: 240, cold_start_with_host_extra_ca_certs_ms: 301.3 });
    const report = formatReport([], results, benchTargets('sqlite'));
    expect(report).toMatch(/cold start \(spawn to first 200 on \/health, median\): 240 ms \(target < 300\) ok/);
    expect(report).toMatch(/NODE_EXTRA_CA_CERTS.*not judged\): 301\.3 ms$/m);
    expect(benchResults([], 100, 240)).not.toHaveProperty('cold_start_with_host_extra_ca_certs_ms');
  });
});
