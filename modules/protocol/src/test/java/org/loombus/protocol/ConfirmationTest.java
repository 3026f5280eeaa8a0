package org.loombus.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Confirmation")
class ConfirmationTest {
  private static final Duration LIVENESS = Duration.ofSeconds(10);

  @Test
  @DisplayName("a completed confirmation is done and returns its code at once")
  void completed() throws InterruptedException {
    Confirmation ok = Confirmation.completed(ResultCode.OK);
    assertTrue(ok.isDone());
    assertEquals(ResultCode.OK, ok.await());
    Confirmation absent = Confirmation.completed(ResultCode.NOT_REGISTERED);
    assertEquals(ResultCode.NOT_REGISTERED, absent.await(Duration.ZERO));
  }

  @Test
  @DisplayName("a pending confirmation is not done until completed")
  void pending() throws InterruptedException {
    Confirmation c = Confirmation.pending();
    assertFalse(c.isDone());
    assertTrue(c.complete(ResultCode.BUSY));
    assertTrue(c.isDone());
    assertEquals(ResultCode.BUSY, c.await());
  }

  @Test
  @DisplayName("only the first complete counts; a later close changes nothing")
  void completesOnce() throws InterruptedException {
    Confirmation c = Confirmation.pending();
    assertTrue(c.complete(ResultCode.NOT_DELIVERED));
    assertFalse(c.complete(ResultCode.OK));
    c.close();
    assertEquals(ResultCode.NOT_DELIVERED, c.await());
  }

  @Test
  @DisplayName("every ACK byte is a result, including 00 and FF")
  void anyAckByte() throws InterruptedException {
    for (int code : new int[] {0x00, 0xFF, 0x80}) {
      Confirmation c = Confirmation.pending();
      assertTrue(c.complete(code), () -> "complete(" + code + ")");
      assertTrue(c.isDone(), () -> "done after complete(" + code + ")");
      assertEquals(code, c.await(LIVENESS));
    }
  }

  @Test
  @DisplayName("close before a result makes await throw ClientClosedException")
  void closed() {
    Confirmation c = Confirmation.pending();
    c.close();
    assertTrue(c.isDone());
    assertFalse(c.complete(ResultCode.OK));
    assertThrows(ClientClosedException.class, c::await);
    assertThrows(ClientClosedException.class, () -> c.await(Duration.ofMillis(1)));
  }

  @Test
  @DisplayName("await with a timeout returns TIMEOUT when no result arrives, and stays pending")
  void timeout() throws InterruptedException {
    Confirmation c = Confirmation.pending();
    assertEquals(ResultCode.TIMEOUT, c.await(Duration.ofMillis(50)));
    assertFalse(c.isDone());
    c.complete(ResultCode.OK);
    assertEquals(ResultCode.OK, c.await(Duration.ofMillis(50)));
  }

  @Test
  @DisplayName("check passes on OK and throws BusException with the code otherwise")
  void check() throws InterruptedException {
    Confirmation.completed(ResultCode.OK).check();
    BusException e = assertThrows(BusException.class,
        () -> Confirmation.completed(ResultCode.ACCESS).check());
    assertEquals(ResultCode.ACCESS, e.code());
  }

  @Test
  @DisplayName("several threads waiting are all released by one complete")
  void releasesAllWaitersOnComplete() throws Exception {
    Confirmation c = Confirmation.pending();
    List<CompletableFuture<Object>> results = startWaiters(c, 4);
    assertTrue(c.complete(ResultCode.NOT_REGISTERED));
    for (CompletableFuture<Object> r : results) {
      assertEquals(ResultCode.NOT_REGISTERED, r.get(LIVENESS.toSeconds(), TimeUnit.SECONDS));
    }
  }

  @Test
  @DisplayName("several threads waiting are all released by close with ClientClosedException")
  void releasesAllWaitersOnClose() throws Exception {
    Confirmation c = Confirmation.pending();
    List<CompletableFuture<Object>> results = startWaiters(c, 4);
    c.close();
    for (CompletableFuture<Object> r : results) {
      assertInstanceOf(ClientClosedException.class, r.get(LIVENESS.toSeconds(), TimeUnit.SECONDS));
    }
  }

  @Test
  @DisplayName("an interrupted waiter gets InterruptedException")
  void interrupted() throws Exception {
    Confirmation c = Confirmation.pending();
    CompletableFuture<Object> r = new CompletableFuture<>();
    Thread t = Thread.ofPlatform().start(() -> r.complete(outcome(c)));
    awaitParked(t);
    t.interrupt();
    assertInstanceOf(InterruptedException.class, r.get(LIVENESS.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("whenComplete runs once with the code: on the completing thread, or at once if done")
  void whenComplete() {
    Confirmation c = Confirmation.pending();
    List<String> seen = new ArrayList<>();
    c.whenComplete(code -> seen.add(code + " on " + Thread.currentThread().getName()));
    assertTrue(seen.isEmpty());
    Thread completer = Thread.ofPlatform().name("completer").start(() -> c.complete(0x71));
    assertTrue(assertDoesNotThrow(() -> completer.join(LIVENESS)));
    c.complete(0x01);
    c.close();
    assertEquals(List.of("113 on completer"), seen);

    List<Integer> now = new ArrayList<>();
    Confirmation.completed(ResultCode.OK).whenComplete(now::add);
    Confirmation.completed(ResultCode.OK).whenComplete(now::add);
    assertEquals(List.of(1, 1), now, "a completed confirmation, even the shared OK, runs each at once");
  }

  @Test
  @DisplayName("whenComplete after a close gets CLOSED_CODE; a second action on a pending one is refused")
  void whenCompleteClosed() {
    Confirmation closed = Confirmation.pending();
    closed.close();
    List<Integer> codes = new ArrayList<>();
    closed.whenComplete(codes::add);
    assertEquals(List.of(Confirmation.CLOSED_CODE), codes);
    Confirmation pending = Confirmation.pending();
    pending.whenComplete(codes::add);
    assertThrows(IllegalStateException.class, () -> pending.whenComplete(codes::add));
  }

  @Test
  @DisplayName("whenComplete racing complete runs its action exactly once")
  void whenCompleteRace() throws Exception {
    for (int round = 0; round < 2000; round++) {
      Confirmation c = Confirmation.pending();
      java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
      Thread t = Thread.ofPlatform().start(() -> c.complete(ResultCode.OK));
      c.whenComplete(code -> runs.incrementAndGet());
      t.join();
      assertEquals(1, runs.get(), "round " + round);
    }
  }

  /** Starts threads blocked in await; each future gets the code or the thrown exception. */
  private static List<CompletableFuture<Object>> startWaiters(Confirmation c, int n)
      throws InterruptedException {
    List<CompletableFuture<Object>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CompletableFuture<Object> r = new CompletableFuture<>();
      Thread t = Thread.ofPlatform().daemon().start(() -> r.complete(outcome(c)));
      awaitParked(t);
      results.add(r);
    }
    assertFalse(c.isDone());
    return results;
  }

  private static Object outcome(Confirmation c) {
    try {
      return c.await();
    } catch (InterruptedException | RuntimeException e) {
      return e;
    }
  }

  /** Waits until the thread parks in await, so the release really wakes a waiter. */
  private static void awaitParked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + LIVENESS.toNanos();
    while (t.getState() != Thread.State.WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("thread never started waiting: " + t.getState());
      }
      Thread.sleep(1);
    }
  }
}
