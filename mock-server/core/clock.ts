/**
 * The sandbox's notion of time. Everything that expires reads the time from here, so that
 * `POST /sandbox/clock` can move it forward and show expiry without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the sandbox sees it. */
  now(): number;
}

/** Real time plus an offset: `advance` only moves it forward; `reset` and `restore` set it. */
export class SandboxClock implements Clock {
  #offsetMs: number;

  constructor(
    offsetMs = 0,
    private readonly realNow: () => number = Date.now,
  ) {
    this.#offsetMs = offsetMs;
  }

  now(): number {
    return this.realNow() + this.#offsetMs;
  }

  /** How far the sandbox runs ahead of real time. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  advance(seconds: number): void {
    this.#offsetMs += seconds * 1000;
  }

  reset(): void {
    this.#offsetMs = 0;
  }

  /**
   * Takes over an offset another copy of the sandbox persisted; it may be smaller than this one
   * (that copy was reset).
   *
   * @throws TypeError when `offsetMs` is not a finite number
   */
  restore(offsetMs: number): void {
    if (!Number.isFinite(offsetMs)) throw new TypeError('"offsetMs" must be a finite number');
    this.#offsetMs = offsetMs;
  }
}

/** Whole seconds since the epoch, the unit of every `exp`/`iat` on the wire. */
export const epochSeconds = (clock: Clock): number => Math.floor(clock.now() / 1000);

/** An ISO 8601 timestamp for a clock reading in milliseconds. */
export const isoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** {@link isoTime} for an optional instant: `null` stays `null` (never expires, never used). */
export const isoTimeOrNull = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));
