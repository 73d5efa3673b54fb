/**
 * Seconds since a long job (an export, an import's detection) started, for a "Working… 12 s"
 * line: the server does the work on a job thread and sends no progress, so the honest signal
 * is that it is still going and for how long.
 */
export class Elapsed {
  seconds = $state(0);
  #timer: ReturnType<typeof setInterval> | null = null;
  #since = 0;

  start(): void {
    this.stop();
    this.#since = Date.now();
    this.seconds = 0;
    this.#timer = setInterval(() => (this.seconds = Math.floor((Date.now() - this.#since) / 1000)), 1000);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
