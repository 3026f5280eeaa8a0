package org.loombus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.loombus.rpc.Json;
import org.loombus.rpc.PayloadView;

/**
 * How payloads are read and shown, as the reference tool does (docs/protocol.md §10.1, decided by
 * {@link PayloadView}): text as text, MessagePack as JSON, anything else as hex of its first 256
 * bytes.
 */
final class Payloads {
  private Payloads() {}

  /** @return the argument's UTF-8 bytes, or all of standard input when there is no argument */
  static byte[] fromArgOrStdin(String arg, InputStream stdin) throws CliException {
    if (arg != null) {
      return arg.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return stdin.readAllBytes();
    } catch (IOException e) {
      throw CliException.failed("cannot read standard input: " + e.getMessage());
    }
  }

  static String show(byte[] p) {
    return switch (PayloadView.of(p)) {
      case PayloadView.Text t -> t.text();
      case PayloadView.MsgPackValue m -> Json.spaced(m.value());
      case PayloadView.Binary b -> b.hex(256);
    };
  }

  /**
   * A call's result as busrt's {@code --silent} prints it, for scripts: text as it is, MessagePack
   * as compact JSON, each with a line end; anything else as its bytes, unchanged.
   */
  static byte[] raw(byte[] p) {
    String text = switch (PayloadView.of(p)) {
      case PayloadView.Text t -> t.text();
      case PayloadView.MsgPackValue m -> Json.compact(m.value());
      case PayloadView.Binary b -> null;
    };
    return text == null ? p : (text + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
