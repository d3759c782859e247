package io.herald.node.protocol;

import java.util.List;

/**
 * An inbound frame after decoding.
 *
 * @param batch true when the frame was a JSON array: the answer is an array too (or nothing when
 *     every element was a notification)
 * @param items the elements in frame order; never empty
 */
public record DecodedFrame(boolean batch, List<Incoming> items) {

  public DecodedFrame {
    items = List.copyOf(items);
  }

  /** A non-batch frame holding one element. */
  public static DecodedFrame single(Incoming item) {
    return new DecodedFrame(false, List.of(item));
  }
}
