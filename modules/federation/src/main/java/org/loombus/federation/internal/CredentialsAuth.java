package org.loombus.federation.internal;

import io.nats.client.AuthHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the NATS server's nonce from a credentials file: the user JWT between its
 * {@code -----BEGIN NATS USER JWT-----} lines (optional: a file holding only a seed logs in as a
 * bare NKey user) and the user seed between its {@code -----BEGIN USER NKEY SEED-----} lines,
 * signed with {@link NKeys}. The file is read once, at start.
 */
public final class CredentialsAuth implements AuthHandler {
  private static final Pattern JWT =
      Pattern.compile("-{3,}BEGIN NATS USER JWT-{3,}\\s*(\\S+)\\s*-{3,}END");
  private static final Pattern SEED =
      Pattern.compile("-{3,}BEGIN USER NKEY SEED-{3,}\\s*(\\S+)\\s*-{3,}END");
  private static final Pattern BARE_SEED = Pattern.compile("(?m)^\\s*(SU[A-Z2-7]{50,})\\s*$");

  private final char[] jwt;
  private final NKeys keys;

  private CredentialsAuth(char[] jwt, NKeys keys) {
    this.jwt = jwt;
    this.keys = keys;
  }

  /**
   * @param file a credentials file
   * @return its handler
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it holds no valid user seed
   */
  public static CredentialsAuth read(Path file) throws IOException {
    String text = Files.readString(file);
    Matcher seed = SEED.matcher(text);
    Matcher bare = BARE_SEED.matcher(text);
    String s = seed.find() ? seed.group(1) : bare.find() ? bare.group(1) : null;
    if (s == null) {
      throw new IllegalArgumentException("no user NKey seed in it");
    }
    Matcher jwt = JWT.matcher(text);
    return new CredentialsAuth(jwt.find() ? jwt.group(1).toCharArray() : null, NKeys.fromSeed(s));
  }

  @Override
  public byte[] sign(byte[] nonce) {
    return keys.sign(nonce);
  }

  @Override
  public char[] getID() {
    return keys.publicKey();
  }

  @Override
  public char[] getJWT() {
    return jwt == null ? null : jwt.clone();
  }
}
