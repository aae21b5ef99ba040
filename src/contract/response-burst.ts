import type { ServerResponse } from 'node:http';

/**
 * Called when ending one response of a burst throws (the response is then destroyed, so its
 * client sees the connection close instead of waiting); the rest of the burst still goes out.
 */
export type BurstEndFailure = (error: unknown, res: ServerResponse) => void;

/**
 * Ends responses finished close together in one burst: at the end of the event-loop turn
 * (`setImmediate`), or as soon as `maxHeld` are waiting, instead of each the moment it is ready.
 *
 * Why: a response written on its own usually finds the peer asleep, and waking it costs the
 * kernel more than the write. Written in a burst, all but the first find it awake. Under 32
 * concurrent connections this halved the service's kernel time per request (/health 34 -> 17 us,
 * `bench/cpu-compare.ts`); uWebSockets corks its sends per turn for the same reason. A
 * response waits at most for the work of the next few requests of its turn; a lone request
 * waits one `setImmediate`.
 *
 * Why only a few: holding a whole turn's responses (up to one per connection) kept that many
 * requests' objects alive across scavenges, V8 promoted them, and old-space collections went
 * from 2 to 36 in 6 s of /health load; a year of /random-numbers got 10% slower than without
 * bursts. Four keeps collections where they were and most of the kernel saving.
 *
 * Bodies are held as Buffers: serializers build strings by concatenation, and holding those
 * ropes kept their many pieces alive too.
 */
export class ResponseBurst {
  private responses: ServerResponse[] = [];
  private bodies: (Buffer | undefined)[] = [];
  private turnEndScheduled = false;

  constructor(
    private readonly onFailure: BurstEndFailure,
    private readonly maxHeld = 4,
  ) {}

  /** Ends `res` with `body` in the current burst; status and headers must already be set. */
  end(res: ServerResponse, body?: string): void {
    this.responses.push(res);
    this.bodies.push(body === undefined ? undefined : Buffer.from(body, 'utf8'));
    if (this.responses.length >= this.maxHeld) {
      this.endHeld();
    } else if (!this.turnEndScheduled) {
      this.turnEndScheduled = true;
      setImmediate(this.atTurnEnd);
    }
  }

  private readonly atTurnEnd = (): void => {
    this.turnEndScheduled = false;
    this.endHeld();
  };

  private endHeld(): void {
    const { responses, bodies } = this;
    if (responses.length === 0) return;
    this.responses = [];
    this.bodies = [];
    for (let i = 0; i < responses.length; i++) {
      const res = responses[i]!;
      // A client that hung up, or a timeout that answered first, leaves nothing to end.
      if (res.writableEnded || res.destroyed) continue;
      try {
        const body = bodies[i];
        if (body === undefined) res.end();
        else res.end(body);
      } catch (error) {
        this.onFailure(error, res);
        if (!res.writableEnded) res.destroy();
      }
    }
  }
}
