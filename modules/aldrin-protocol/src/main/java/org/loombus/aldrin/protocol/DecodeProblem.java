package org.loombus.aldrin.protocol;

/**
 * Why bytes were rejected. Each constant names one rule of the strict decoder; {@code
 * docs/aldrin-protocol.md} lists which inputs break which rule and how that compares with what
 * Aldrin itself accepts.
 */
public enum DecodeProblem {
  /** A frame's length prefix announces fewer than the five bytes every message needs. */
  FRAME_TOO_SHORT,
  /** A frame's length prefix announces more bytes than the caller's limit allows. */
  FRAME_TOO_LARGE,
  /** A frame's length prefix does not equal the number of bytes handed to the decoder. */
  LENGTH_MISMATCH,
  /** The input ends inside a field, a value, or the fixed part of a message. */
  TRUNCATED,
  /** Bytes remain after the last field of a message, or after a value inside its slot. */
  TRAILING_BYTES,
  /** The message kind byte is not one of the kinds of protocol 1.20. */
  UNKNOWN_MESSAGE_KIND,
  /** A tag byte (result code, option tag, channel end, filter, scope, element tag) is undefined. */
  INVALID_DISCRIMINANT,
  /** A message's value slot has length zero; every value is at least one byte. */
  EMPTY_VALUE,
  /** A varint uses more bytes than its value needs (only with canonical decoding). */
  NON_CANONICAL_VARINT,
  /** A boolean byte is neither 0 nor 1 (only with canonical decoding). */
  NON_CANONICAL_BOOL,
  /** A value kind byte is not one of the kinds Aldrin defines. */
  UNKNOWN_VALUE_KIND,
  /** A value uses a kind that the sender's value epoch does not have (a 1.20 kind from 1.19). */
  VALUE_KIND_NOT_IN_EPOCH,
  /** A value nests deeper than the configured limit. */
  VALUE_TOO_DEEP,
  /** A string or string key is not well-formed UTF-8. */
  INVALID_UTF8,
  /** A value is well-formed but not of the shape a message field requires (e.g. ServiceInfo). */
  UNEXPECTED_VALUE_SHAPE
}
