package io.herald.ingest;

/** What became of one message. */
enum Outcome {
  /** Herald accepted the command; the source may acknowledge the message. */
  ACCEPTED,
  /** The message is bad and never will be accepted: skip it (or dead-letter it) and go on. */
  REJECTED,
  /** Herald could not carry the command out now (engine unavailable); try again later. */
  FAILED
}
