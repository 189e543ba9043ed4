/**
 * Group commit for a running command's output: consecutive lines share one journal write and one
 * fsync instead of one each. The service's work queue keeps its order; the only change is that a
 * run of line items with nothing else between them becomes a single flush item.
 *
 * - The first line of a batch enqueues the batch's flush; later lines join it until the flush starts
 *   (it then takes every line of its batch) or until other work is enqueued (`barrier`). A line that
 *   arrives after that starts the next batch, whose flush is queued behind whatever came first.
 * - Every other item of the command (milestone, prompt, hang, exit) goes through `barrier`: it runs
 *   after the flush of every line received before it, and no line received after it is flushed
 *   ahead of it. PtyProcess reports a line before the milestone it holds and flushes its last
 *   lines before it reports the exit, so a milestone entry always follows (in the queue, hence in
 *   the journal) the batch with its line, and `command-finished` follows the last output.
 */
export class LineBatches {
  readonly #enqueue: (work: () => Promise<void>) => void;
  readonly #flush: (lines: string[]) => Promise<void>;
  /** The batch whose flush is queued and not yet started, while lines may still join it. */
  #open: string[] | null = null;

  /**
   * @param enqueue adds one work item to the service's serial queue
   * @param flush journals the lines (one append of the batch) and then tells the renderer of them
   */
  constructor(enqueue: (work: () => Promise<void>) => void, flush: (lines: string[]) => Promise<void>) {
    this.#enqueue = enqueue;
    this.#flush = flush;
  }

  /** Adds one output line to the open batch, starting (and enqueuing) a new batch if there is none. */
  line(text: string): void {
    if (this.#open) {
      this.#open.push(text);
      return;
    }
    const batch = [text];
    this.#open = batch;
    this.#enqueue(() => {
      // Taken as the flush starts: lines arriving while it writes go to the next batch.
      if (this.#open === batch) this.#open = null;
      return this.#flush(batch);
    });
  }

  /** Enqueues other work in order with the lines: after those received so far, before later ones. */
  barrier(work: () => Promise<void>): void {
    this.#open = null;
    this.#enqueue(work);
  }
}
