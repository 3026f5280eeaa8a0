package org.loombus.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NATS's own request/reply between two jnats clients (two connections, one server), W requests
 * in flight, each started when the previous one's reply came: the baseline of the federation's
 * acknowledged and RPC stages, measured in the same run.
 */
final class NatsRequestReply {
  private NatsRequestReply() {}

  /**
   * @param url the server
   * @param workers requests in flight
   * @param total requests in all
   * @param payload bytes per request (the echo returns them)
   * @return requests answered per second
   */
  static double rate(String url, int workers, long total, int payload) throws Exception {
    Options o = new Options.Builder().server(url).build();
    try (Connection responder = Nats.connect(o); Connection requester = Nats.connect(o)) {
      Dispatcher d = responder.createDispatcher(m -> responder.publish(m.getReplyTo(),
          m.getData()));
      d.subscribe("loombus-bench.echo");
      responder.flush(Duration.ofSeconds(5));
      byte[] body = new byte[payload];
      long each = total / workers;
      CountDownLatch done = new CountDownLatch(workers);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long start = System.nanoTime();
      for (int w = 0; w < workers; w++) {
        AtomicLong left = new AtomicLong(each);
        Runnable[] next = new Runnable[1];
        next[0] = () -> requester.request("loombus-bench.echo", body)
            .orTimeout(10, TimeUnit.SECONDS)
            .whenComplete((reply, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
                done.countDown();
              } else if (left.decrementAndGet() == 0) {
                done.countDown();
              } else {
                next[0].run();
              }
            });
        next[0].run();
      }
      if (!done.await(10, TimeUnit.MINUTES) || failure.get() != null) {
        throw new IllegalStateException("NATS request/reply failed", failure.get());
      }
      return each * workers * 1e9 / (System.nanoTime() - start);
    }
  }
}
