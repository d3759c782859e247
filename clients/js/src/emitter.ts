type Handler = (event: any) => void;

/** A minimal typed event emitter; handlers that throw do not stop the others. */
export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<Handler>>();

  /** Adds `handler` for `event`; returns a function that removes it. */
  on<K extends keyof Events>(event: K, handler: (event: Events[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler as Handler);
    return () => this.off(event, handler);
  }

  /** Like `on`, for one event only. */
  once<K extends keyof Events>(event: K, handler: (event: Events[K]) => void): () => void {
    const off = this.on(event, (e) => {
      off();
      handler(e);
    });
    return off;
  }

  off<K extends keyof Events>(event: K, handler: (event: Events[K]) => void): void {
    this.handlers.get(event)?.delete(handler as Handler);
  }

  /** Removes every handler, or every handler of `event`. */
  removeAllListeners(event?: keyof Events): void {
    if (event === undefined) this.handlers.clear();
    else this.handlers.delete(event);
  }

  protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
    const set = this.handlers.get(event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(value);
      } catch (error) {
        // A bug in one handler must not break the client or the other handlers.
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
  }
}
