/**
 * At most `size` sends at a time; the others wait here, before their claim.
 * The claim (SENDING) must be taken only when the message is about to leave:
 * a claim waiting for a free SMTP connection would, if the process died,
 * leave a row in doubt that was in fact never sent.
 */
export class SendSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}
