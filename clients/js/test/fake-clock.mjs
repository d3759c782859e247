// A clock whose time moves only when the test says so; records what was scheduled.
export class FakeClock {
  constructor() {
    this.time = 0;
    this.timers = new Map();
    this.nextHandle = 1;
    this.scheduled = [];
  }
  setTimeout(fn, ms) {
    const handle = this.nextHandle++;
    this.timers.set(handle, { fn, at: this.time + ms, ms });
    this.scheduled.push(ms);
    return handle;
  }
  clearTimeout(handle) {
    this.timers.delete(handle);
  }
  now() {
    return this.time;
  }
  /** Moves time forward by `ms`, running every timer that comes due, in order. */
  advance(ms) {
    const end = this.time + ms;
    for (;;) {
      let due = null;
      for (const [h, t] of this.timers) if (t.at <= end && (!due || t.at < due[1].at)) due = [h, t];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
  pending() {
    return [...this.timers.values()].map((t) => t.at - this.time);
  }
}
