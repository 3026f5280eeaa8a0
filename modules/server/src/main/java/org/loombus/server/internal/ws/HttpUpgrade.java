package org.loombus.server.internal.ws;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.loombus.broker.LogText;

/**
 * The server's side of the opening handshake (RFC 6455 §4.2): reads one HTTP/1.1 request head,
 * answers {@code 101} with {@code Sec-WebSocket-Accept} if it is a valid upgrade to the listener's
 * path, and otherwise an HTTP error ({@code 404} for another path, {@code 426} for another
 * WebSocket version, {@code 431} for a head beyond the buffer, {@code 400} for the rest). No
 * subprotocol and no extension is ever agreed: BUS/RT needs neither, and the reference's clients
 * ask for none.
 */
final class HttpUpgrade {
  /** RFC 6455 §1.3: appended to the client's key before hashing. */
  private static final String KEY_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

  private HttpUpgrade() {}

  /**
   * Reads the request and answers it.
   *
   * @param stream the connection
   * @param resource the path the client must ask for
   * @param buf where the request head is read; its capacity bounds the head's size
   * @return {@code buf} in read mode holding what the client sent after the head (frames may
   *     follow the request at once)
   * @throws UpgradeRejected after the error response, naming why
   * @throws IOException if the connection failed or ended first
   */
  static ByteBuffer accept(ByteStream stream, String resource, ByteBuffer buf) throws IOException {
    int end = readHead(stream, buf);
    String head = new String(buf.array(), 0, end, StandardCharsets.ISO_8859_1);
    String accept = check(stream, head, resource);
    respond(stream, "101 Switching Protocols", "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept + "\r\n");
    buf.flip().position(end + END_OF_HEAD.length);
    return buf;
  }

  /** @return where the blank line ending the head starts */
  private static int readHead(ByteStream stream, ByteBuffer buf) throws IOException {
    int scanned = 0;
    while (true) {
      int found = indexOfEnd(buf.array(), scanned, buf.position());
      if (found >= 0) {
        return found;
      }
      scanned = Math.max(0, buf.position() - END_OF_HEAD.length + 1);
      if (!buf.hasRemaining()) {
        throw reject(stream, "431 Request Header Fields Too Large",
            "request head longer than " + buf.capacity() + " bytes");
      }
      if (stream.read(buf) < 0) {
        throw new EOFException("connection closed before the upgrade request was complete");
      }
    }
  }

  private static int indexOfEnd(byte[] b, int from, int to) {
    outer:
    for (int i = from; i + END_OF_HEAD.length <= to; i++) {
      for (int j = 0; j < END_OF_HEAD.length; j++) {
        if (b[i + j] != END_OF_HEAD[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** @return the Sec-WebSocket-Accept value for a valid upgrade request */
  private static String check(ByteStream stream, String head, String resource)
      throws IOException {
    String[] lines = head.split("\r\n", -1);
    String[] request = lines[0].split(" ", -1);
    if (request.length != 3 || !request[2].startsWith("HTTP/1.")
        || request[2].equals("HTTP/1.0")) {
      throw reject(stream, "400 Bad Request", "not an HTTP/1.1 request line");
    }
    if (!request[0].equals("GET")) {
      throw reject(stream, "400 Bad Request", "method " + printable(request[0]) + ", not GET");
    }
    String target = request[1];
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    if (!path.equals(resource)) {
      throw reject(stream, "404 Not Found", "path " + printable(path) + " is not " + resource);
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0 || lines[i].charAt(0) == ' ' || lines[i].charAt(0) == '\t') {
        throw reject(stream, "400 Bad Request", "malformed header line");
      }
      String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
      // Repeated fields are one comma-separated list (RFC 9110 §5.3).
      headers.merge(name, lines[i].substring(colon + 1).strip(), (a, b) -> a + "," + b);
    }
    if (!headers.containsKey("host")) {
      throw reject(stream, "400 Bad Request", "no Host header");
    }
    if (!hasToken(headers.get("upgrade"), "websocket")
        || !hasToken(headers.get("connection"), "upgrade")) {
      throw reject(stream, "400 Bad Request", "not a WebSocket upgrade request");
    }
    if (!"13".equals(headers.get("sec-websocket-version"))) {
      throw reject(stream, "426 Upgrade Required\r\nSec-WebSocket-Version: 13",
          "WebSocket version " + printable(String.valueOf(headers.get("sec-websocket-version")))
              + ", not 13");
    }
    String key = headers.get("sec-websocket-key");
    if (!validKey(key)) {
      throw reject(stream, "400 Bad Request", "no valid Sec-WebSocket-Key");
    }
    return acceptValue(key);
  }

  private static boolean hasToken(String list, String token) {
    if (list == null) {
      return false;
    }
    for (String t : list.split(",")) {
      if (t.strip().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  /** RFC 6455 §4.1: the key is 16 random bytes in base64. */
  private static boolean validKey(String key) {
    if (key == null) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * @param key the client's Sec-WebSocket-Key
   * @return base64 of the SHA-1 of the key and the GUID (RFC 6455 §4.2.2)
   */
  static String acceptValue(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1")
          .digest((key + KEY_GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** Answers with an error status and closes; the caller throws what this returns. */
  private static UpgradeRejected reject(ByteStream stream, String status, String reason)
      throws IOException {
    respond(stream, status, "Content-Length: 0\r\nConnection: close\r\n");
    String code = status.substring(0, 3);
    return new UpgradeRejected(reason + " (answered " + code + ")");
  }

  private static void respond(ByteStream stream, String status, String headers)
      throws IOException {
    String response = "HTTP/1.1 " + status + "\r\n" + headers + "\r\n";
    stream.writeFully(ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static String printable(String s) {
    return "'" + LogText.of(s) + "'";
  }
}
