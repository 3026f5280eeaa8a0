package org.loombus.aldrin.protocol;

/**
 * A channel end as named when creating or claiming it: a receiver also states how many items it
 * is ready for. On the wire, the {@link ChannelEnd} byte, then for a receiver a u32 varint.
 */
public sealed interface ChannelEndWithCapacity {
  /** The sending end. */
  record Sender() implements ChannelEndWithCapacity {}

  /**
   * The receiving end and its initial capacity.
   *
   * @param capacity items the receiver accepts before granting more (unsigned 32-bit)
   */
  record Receiver(int capacity) implements ChannelEndWithCapacity {}

  /** @return the end without the capacity */
  default ChannelEnd end() {
    return this instanceof Sender ? ChannelEnd.SENDER : ChannelEnd.RECEIVER;
  }
}
