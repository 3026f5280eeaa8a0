package org.loombus.management;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.loombus.broker.BrokerHandle;

/**
 * The dashboard's live tails ({@code GET /api/tail?mask=M}): at most {@value #MAX_TAILS} at once,
 * each an in-process subscriber of its own streaming Server-Sent Events on a thread of its own,
 * so a tail never holds one of the endpoint's request threads. {@code HEAD} answers whether the
 * same {@code GET} would be served, without starting a tail.
 */
final class Tails {
  /** Tails open at once; more get 503. */
  static final int MAX_TAILS = 4;
  /** Longest mask accepted. */
  static final int MAX_MASK_LENGTH = 1024;

  private final BrokerHandle broker;
  private final DashboardAccess access;
  private final Duration stallTimeout;
  private final Semaphore slots = new Semaphore(MAX_TAILS);
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  Tails(BrokerHandle broker, DashboardAccess access) {
    this.broker = broker;
    this.access = access;
    this.stallTimeout = broker.config().stallTimeout();
  }

  /** @return whether a tail streams the exchange now (else it was answered and may be closed) */
  boolean serve(HttpExchange exchange) throws IOException {
    String mask = HttpReply.query(exchange, "mask");
    if (mask == null || mask.isEmpty() || mask.length() > MAX_MASK_LENGTH) {
      HttpReply.text(exchange, 400, "a topic mask is required: /api/tail?mask=MASK (at most "
          + MAX_MASK_LENGTH + " characters)\n");
      return false;
    }
    DashboardAccess.Decision decision = access.tail(exchange.getRemoteAddress(), mask);
    if (!decision.allowed()) {
      HttpReply.text(exchange, 403, "tail refused: " + decision.refusal() + "\n");
      return false;
    }
    if (!slots.tryAcquire()) {
      HttpReply.text(exchange, 503, "already " + MAX_TAILS + " tails open; try again later\n");
      return false;
    }
    if (exchange.getRequestMethod().equals("HEAD")) {
      slots.release();
      HttpReply.send(exchange, 200, Tail.CONTENT_TYPE, new byte[0]);
      return false;
    }
    Tail tail;
    try {
      tail = Tail.subscribe(this, broker, ".dashboard.tail." + ids.incrementAndGet(), mask,
          decision);
    } catch (RuntimeException e) {
      slots.release();
      HttpReply.text(exchange, 400, "cannot tail '" + mask + "': " + e.getMessage() + "\n");
      return false;
    }
    tail.stream(exchange, broker.config().threadFactory());
    return true;
  }

  DashboardAccess access() {
    return access;
  }

  Duration stallTimeout() {
    return stallTimeout;
  }

  /** @return the drop counter every tail's queue adds to */
  AtomicLong drops() {
    return dropped;
  }

  /** Called once by every tail that ends. */
  void ended() {
    slots.release();
  }

  /** @return tails open now */
  int active() {
    return MAX_TAILS - slots.availablePermits();
  }

  /** @return publications dropped by every tail so far, because its viewer fell behind */
  long dropped() {
    return dropped.get();
  }
}
