/** A level-triggered wake-up: notify() before wait() is not lost. */
export class Wakeup {
  private pending = false;
  private resolve: (() => void) | undefined;

  notify(): void {
    this.pending = true;
    this.resolve?.();
  }

  /** Resolves at the next notify() (at once if one came since the last wait), or after timeoutMs. */
  async wait(timeoutMs?: number): Promise<void> {
    if (!this.pending) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((r) => {
        this.resolve = r;
        if (timeoutMs !== undefined) timer = setTimeout(r, timeoutMs);
      });
      clearTimeout(timer);
    }
    this.pending = false;
    this.resolve = undefined;
  }
}
