package org.loombus.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The file of {@code --http-token}: the secret that the metrics endpoint and the dashboard
 * require, on its first line (surrounding white space ignored). Like JMX's password file, it must
 * not be readable by other users.
 */
final class HttpTokenFile {
  /** Longest token accepted: it travels in every request's header or query. */
  static final int MAX_LENGTH = 1024;

  /** Why the file cannot serve: the message names the file. */
  static final class TokenException extends Exception {
    private static final long serialVersionUID = 1L;

    TokenException(String message) {
      super(message);
    }
  }

  private HttpTokenFile() {}

  /**
   * @param file the token file
   * @return the token
   * @throws TokenException if it cannot be read, is readable by others, or holds no token
   */
  static String read(Path file) throws TokenException {
    String text;
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (mode.contains(PosixFilePermission.OTHERS_READ)) {
        throw new TokenException(file + " is readable by other users; chmod 0600 it");
      }
      text = Files.readString(file);
    } catch (IOException e) {
      throw new TokenException("cannot read " + file + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
    }
    String token = text.lines().findFirst().orElse("").strip();
    if (token.isEmpty()) {
      throw new TokenException(file + " holds no token on its first line");
    }
    if (token.length() > MAX_LENGTH) {
      throw new TokenException(file + ": the token is longer than " + MAX_LENGTH + " characters");
    }
    return token;
  }
}
