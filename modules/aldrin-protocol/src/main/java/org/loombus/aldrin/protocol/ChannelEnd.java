package org.loombus.aldrin.protocol;

/** One end of a channel. On the wire, one byte. */
public enum ChannelEnd {
  /** The sending end: 0. */
  SENDER,
  /** The receiving end: 1. */
  RECEIVER;

  /** @return the wire byte */
  public int code() {
    return ordinal();
  }

  /** @return the opposite end */
  public ChannelEnd other() {
    return this == SENDER ? RECEIVER : SENDER;
  }
}
