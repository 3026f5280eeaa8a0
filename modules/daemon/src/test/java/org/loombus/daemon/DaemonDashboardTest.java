package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.testkit.DaemonRuns.assertFailsNaming;
import static org.loombus.testkit.DaemonRuns.freePort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;

/**
 * {@code loombusd --dashboard}, {@code --http-token} and {@code --aaa} together as a process: the
 * token and the rules file reach the endpoint; the flags' errors stop the daemon with one line.
 */
class DaemonDashboardTest {
  @TempDir
  Path dir;

  /** @return status, then the body */
  private static String get(int port, String path, String bearer) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path)
          .toURL().openConnection();
      if (bearer != null) {
        c.setRequestProperty("Authorization", "Bearer " + bearer);
      }
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        return status + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path tokenFile(String mode, String text) throws IOException {
    Path f = dir.resolve("token");
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  @DisplayName("--dashboard with --http-token and --aaa: data needs the token, the rules file applies")
  void tokenAndRules() throws IOException {
    Path socket = dir.resolve("bus.sock");
    Path rules = dir.resolve("aaa.properties");
    Files.writeString(rules, "client.loombus.dashboard.subscribe = plant/#\n");
    Path token = tokenFile("rw-------", "  the-token  \nignored second line\n");
    int port = freePort();
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(), "--aaa",
        rules.toString(), "--metrics", "127.0.0.1:" + port, "--dashboard", "--http-token",
        token.toString())) {
      assertEquals("401 a token is required: Authorization: Bearer TOKEN, or ?token=TOKEN\n",
          get(port, "/api/rules", null));
      assertEquals("401 a token is required: Authorization: Bearer TOKEN, or ?token=TOKEN\n",
          get(port, "/metrics", "ignored"));
      assertEquals("200 {\"enforced\":true,\"dashboard_client\":\"loombus.dashboard\","
          + "\"viewer\":{\"clients_and_stats\":true,\"refusal\":null,"
          + "\"subscribe\":[\"plant/#\"]},"
          + "\"clients\":[{\"name\":\"loombus.dashboard\",\"hosts\":[\"0.0.0.0/0\"],\"p2p\":null,"
          + "\"publish\":null,\"subscribe\":[\"plant/#\"],\"broadcast\":null,\"users\":[],"
          + "\"groups\":[]}]}", get(port, "/api/rules", "the-token"));
      assertEquals("403 tail refused: mask 'other/#' is not covered by the subscribe rule of"
          + " 'loombus.dashboard'\n", get(port, "/api/tail?mask=other%2F%23", "the-token"));
      assertEquals(200, Integer.parseInt(get(port, "/", null).substring(0, 3)));
    }
  }

  @Test
  @DisplayName("--dashboard or --http-token without --metrics: one line, exit 2")
  void needsMetrics() {
    Path socket = dir.resolve("bus.sock");
    assertFailsNaming(2, "--dashboard: needs --metrics HOST:PORT", "-B", socket.toString(),
        "--dashboard");
    assertFailsNaming(2, "--http-token: needs --metrics HOST:PORT", "-B", socket.toString(),
        "--http-token", "/nowhere");
  }

  @Test
  @DisplayName("--http-token: a file others can read, an empty or a missing one: one line, exit 1")
  void badTokenFiles() throws IOException {
    Path socket = dir.resolve("bus.sock");
    String metrics = "127.0.0.1:" + freePort();
    Path open = tokenFile("rw-r--r--", "secret\n");
    assertFailsNaming(1, "--http-token: " + open + " is readable by other users; chmod 0600 it",
        "-B", socket.toString(), "--metrics", metrics, "--http-token", open.toString());
    Path empty = tokenFile("rw-------", "\n");
    assertFailsNaming(1, "--http-token: " + empty + " holds no token on its first line",
        "-B", socket.toString(), "--metrics", metrics, "--http-token", empty.toString());
    Path missing = dir.resolve("absent");
    assertFailsNaming(1, "--http-token: cannot read " + missing + ": no such file",
        "-B", socket.toString(), "--metrics", metrics, "--http-token", missing.toString());
  }
}
