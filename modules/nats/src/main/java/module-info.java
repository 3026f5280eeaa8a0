/**
 * jnats (the official NATS client for Java) as a named module, so that federation can be compiled
 * against it, tested on the module path and linked by jlink. The classes are the unmodified ones
 * of the upstream jar; only this descriptor is added. BouncyCastle, which jnats uses for its own
 * NKey signing, is not part of the image: code that signs NATS nonces must do it without
 * {@code io.nats.client.NKey} (federation uses the JDK's Ed25519).
 */
module io.nats.jnats {
  // jnats logs its own diagnostics through java.util.logging.
  requires java.logging;

  exports io.nats.client;
  exports io.nats.client.api;
  exports io.nats.client.impl;
  exports io.nats.client.support;
  exports io.nats.service;
}
