// The emulator's clock for its authorization servers: wall time, optionally running faster (so a
// 10-minute idle window passes in seconds) and movable forward by tests without sleeping. Token
// issuance, expiry, idle windows, rotation leeway and the System Log's `published` all read it.

export class EmulatorClock {
  private readonly start = Date.now();
  private offsetMs = 0;

  constructor(private readonly speed = 1) {
    if (!(Number.isFinite(speed) && speed > 0))
      throw new Error(`clockSpeed must be a positive number (1 = real time); got ${speed}.`);
  }

  /** Emulator time in epoch ms. */
  now(): number {
    const real = Date.now();
    return Math.floor(this.start + (real - this.start) * this.speed + this.offsetMs);
  }

  /** Moves emulator time forward (tests: an idle window or a leeway passes at once). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error('The emulator clock only moves forward.');
    this.offsetMs += ms;
  }
}
