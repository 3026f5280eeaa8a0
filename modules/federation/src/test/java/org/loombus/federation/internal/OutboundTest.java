package org.loombus.federation.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outgoing queue against a NATS connection that keeps what is published to it: who publishes
 * what, in which order, and in which messages.
 */
class OutboundTest {
  private static final long SECOND = 1_000_000_000L;
  private static final byte[] SENDER = "caller".getBytes(UTF_8);
  private static final byte[] TARGET = "server".getBytes(UTF_8);
  private static final byte[] PAYLOAD = "params".getBytes(UTF_8);

  /** A published NATS message: its subject and its records as (kind, token). */
  private record Published(String subject, List<long[]> records) {}

  private final ConcurrentLinkedQueue<Published> published = new ConcurrentLinkedQueue<>();

  /** A NATS connection whose publish keeps the message decoded; nothing else is called. */
  private Connection recording() {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("publish") && args.length == 2
              && args[0] instanceof String subject && args[1] instanceof byte[] body) {
            List<long[]> records = new ArrayList<>();
            Records.Reader r = new Records.Reader(body);
            while (r.next()) {
              records.add(new long[] {r.kind, r.token});
            }
            published.add(new Published(subject, records));
            return null;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private static Outbound outbound(long answerWait) {
    return new Outbound(1 << 24, "A".getBytes(UTF_8), 1, new Counters(), answerWait);
  }

  private static boolean acked(Outbound out, String subject, long token) {
    return out.offer(subject, Records.ACKED, false, token, SENDER, TARGET, null, PAYLOAD, 0,
        PAYLOAD.length, SECOND);
  }

  /** All records published so far, in order. */
  private List<long[]> records() {
    return published.stream().flatMap(p -> p.records().stream()).toList();
  }

  private int recordCount() {
    return published.stream().mapToInt(p -> p.records().size()).sum();
  }

  private void awaitRecords(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10 * SECOND;
    while (recordCount() < count && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  @DisplayName("acknowledged records handed in by racing threads are all published, each thread's in its order, with no traffic after them")
  void racingPublishersLeaveNothingQueued() throws Exception {
    Outbound out = outbound(Outbound.ANSWER_WAIT);
    out.start(recording());
    int threads = 4;
    int rounds = 3_000;
    // Each round, every thread hands in one record at the same moment, then nothing more comes
    // until all of them are published: a record left queued by the race stays queued.
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    CyclicBarrier done = new CyclicBarrier(threads + 1);
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long base = (t + 1) * 1_000_000L;
      senders.add(Thread.ofPlatform().start(() -> {
        try {
          for (int i = 1; i <= rounds; i++) {
            start.await();
            assertTrue(acked(out, "m.B", base + i));
            done.await();
          }
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }));
    }
    for (int i = 1; i <= rounds; i++) {
      start.await();
      done.await();
      awaitRecords(threads * i);
      assertEquals(threads * i, recordCount(), "round " + i);
    }
    for (Thread t : senders) {
      t.join();
    }
    long[] last = new long[threads];
    for (long[] r : records()) {
      int thread = (int) (r[1] / 1_000_000L) - 1;
      assertTrue(r[1] > last[thread], "out of order: " + r[1] + " after " + last[thread]);
      last[thread] = r[1];
    }
    out.close();
  }

  @Test
  @DisplayName("an answer that may wait goes in one message with the next record for its node, and with whatever is published first")
  void answerGoesWithTheNextRecord() throws Exception {
    Outbound out = outbound(60 * SECOND); // it would wait a minute for that record
    out.start(recording());
    assertTrue(out.answerLater("m.A", 7, 1, SECOND));
    assertTrue(acked(out, "m.A", 8));
    awaitRecords(2);
    assertTrue(out.answerLater("m.A", 9, 1, SECOND));
    assertTrue(acked(out, "m.B", 10)); // for another node: the answer does not wait longer
    awaitRecords(4);
    List<Published> messages = List.copyOf(published);
    assertEquals(List.of("m.A", "m.A", "m.B"), messages.stream().map(Published::subject).toList());
    assertEquals(List.of(List.of((long) Records.ANSWER, 7L), List.of((long) Records.ACKED, 8L)),
        kindsAndTokens(messages.get(0)));
    assertEquals(List.of(List.of((long) Records.ANSWER, 9L)), kindsAndTokens(messages.get(1)));
    assertEquals(List.of(List.of((long) Records.ACKED, 10L)), kindsAndTokens(messages.get(2)));
    out.close();
  }

  private static List<List<Long>> kindsAndTokens(Published p) {
    return p.records().stream().map(r -> List.of(r[0], r[1])).toList();
  }

  @Test
  @DisplayName("an answer that may wait and that nothing follows is published alone once its wait is over")
  void answerAloneAfterItsWait() throws Exception {
    Outbound out = outbound(Outbound.ANSWER_WAIT);
    out.start(recording());
    for (int round = 1; round <= 3; round++) { // the writer ticks, stops ticking, starts again
      assertTrue(out.answerLater("m.A", round, 1, SECOND));
      awaitRecords(round);
      assertEquals(round, published.size());
      Thread.sleep(20);
    }
    for (Published p : published) {
      assertEquals("m.A", p.subject());
      assertEquals(1, p.records().size());
      assertEquals(Records.ANSWER, p.records().get(0)[0]);
    }
    out.close();
  }
}
