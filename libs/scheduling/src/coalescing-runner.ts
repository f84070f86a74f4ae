/**
 * Runs one job on demand, never two at once: a request during a run schedules exactly one more run, so bursts
 * of requests (one per HTTP write) cost at most two runs.
 */
export class CoalescingRunner {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Starts a run without waiting for it. */
  kick(): void {
    void this.runNow();
  }

  /** Resolves when a run that started after this call has finished. */
  runNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.work();
        } while (this.again);
      } catch (error) {
        this.onError(error as Error);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
