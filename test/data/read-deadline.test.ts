import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { QueryReadTimeoutError, readDeadline } from '../../src/data/engine/read-deadline.js';

describe('readDeadline: a PostgreSQL query that gets no answer in time', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails the query with a read timeout once the time is up, not before', () => {
    const expired: QueryReadTimeoutError[] = [];
    readDeadline(2_000, (error) => expired.push(error));
    vi.advanceTimersByTime(1_999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toBeInstanceOf(QueryReadTimeoutError);
    expect(expired[0]!.timeoutMs).toBe(2_000);
    // The service classifies PostgreSQL outages by this wording (as node-postgres's own).
    expect(expired[0]!.message).toMatch(/^Query read timeout: no answer from PostgreSQL within 2000 ms$/);
  });

  it('does nothing once the answer arrived in time', () => {
    const expire = vi.fn();
    const answered = readDeadline(2_000, expire);
    vi.advanceTimersByTime(1_500);
    answered();
    vi.advanceTimersByTime(10_000);
    expect(expire).not.toHaveBeenCalled();
  });
});
