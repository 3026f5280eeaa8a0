package org.loombus.management;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.LogText;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;
import org.loombus.rpc.Json;
import org.loombus.rpc.PayloadView;

/**
 * One live tail: an in-process client subscribed to one mask, whose publications go through a
 * {@link TailQueue} to one viewer as Server-Sent Events. Events: {@code ready} once subscribed,
 * then one {@code message} per publication (its payload decoded by {@link PayloadView}), a
 * comment every {@value #KEEPALIVE_SECONDS} s while nothing comes (so a vanished viewer is
 * noticed), and {@code end} with the reason when the tail stops for a reason of the broker's. A
 * viewer that takes none of the bytes written to it for the broker's stall timeout is cut off.
 */
final class Tail {
  private static final System.Logger LOG = System.getLogger("org.loombus.management");
  static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
  static final int KEEPALIVE_SECONDS = 2;
  /** Most bytes of a binary payload shown, as hex. */
  static final int HEX_BYTES = 256;

  private final Tails owner;
  private final BusClient client;
  private final String mask;
  private final DashboardAccess.Decision access;
  private final TailQueue queue;
  private long seq;
  /** Whether a write is under way, and since when (System.nanoTime). */
  private volatile boolean writing;
  private volatile long writingSince;
  private volatile boolean finished;

  private Tail(Tails owner, BusClient client, String mask, DashboardAccess.Decision access,
      TailQueue queue) {
    this.owner = owner;
    this.client = client;
    this.mask = mask;
    this.access = access;
    this.queue = queue;
  }

  /**
   * Registers the subscriber and subscribes it, so that the tail misses nothing published after
   * its {@code ready} event.
   *
   * @throws RuntimeException if the name is taken or the broker refuses the mask
   */
  static Tail subscribe(Tails owner, BrokerHandle broker, String name, String mask,
      DashboardAccess.Decision access) {
    TailQueue queue = new TailQueue(owner.drops());
    BusClient client = broker.register(name, (self, frame) -> {
      if (frame.kind() == FrameKind.PUBLICATION) {
        queue.offer(frame.topic(), frame.sender(), frame.payloadBuffer());
      }
    });
    try {
      client.subscribe(mask, Qos.PROCESSED).check();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new IllegalStateException("interrupted");
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return new Tail(owner, client, mask, access, queue);
  }

  /** Streams on a thread of its own; the request thread returns at once. */
  void stream(HttpExchange exchange, ThreadFactory threads) {
    Thread writer = threads.newThread(() -> run(exchange));
    Thread watchdog = threads.newThread(() -> watch(writer, exchange.getRemoteAddress()));
    writer.start();
    watchdog.start();
  }

  private void run(HttpExchange exchange) {
    String end = null;
    try {
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      Map<String, Object> ready = new LinkedHashMap<>();
      ready.put("mask", mask);
      ready.put("client", client.name());
      write(out, "event: ready\ndata: " + Json.compact(ready) + "\n\n");
      while (true) {
        if (!client.isConnected()) {
          end = "the broker is shutting down";
        } else if (!owner.access().unchanged(access)) {
          end = "the access rules of '" + DashboardAccess.CLIENT + "' changed";
        }
        if (end != null) {
          write(out, "event: end\ndata: " + Json.compact(Map.of("reason", end)) + "\n\n");
          return;
        }
        TailQueue.Item item = queue.poll(Duration.ofSeconds(KEEPALIVE_SECONDS));
        write(out, item == null ? ": keepalive\n\n"
            : "id: " + (++seq) + "\ndata: " + Json.compact(event(item)) + "\n\n");
      }
    } catch (IOException | InterruptedException gone) {
      // the viewer left, or was cut off by the watchdog (whose interrupt closed the socket)
    } finally {
      client.close();
      startWriting(); // closing writes the last chunk, which a stalled viewer blocks too
      exchange.close();
      finished = true;
      owner.ended();
    }
  }

  private Map<String, Object> event(TailQueue.Item item) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("topic", item.topic());
    e.put("sender", item.sender());
    e.put("size", item.size());
    PayloadView view = item.truncated()
        ? new PayloadView.Binary(item.payload()) : PayloadView.of(item.payload());
    switch (view) {
      case PayloadView.Text t -> {
        e.put("form", "text");
        e.put("payload", t.text());
      }
      case PayloadView.MsgPackValue m -> {
        e.put("form", "msgpack");
        e.put("payload", m.value());
      }
      case PayloadView.Binary b -> {
        e.put("form", "binary");
        e.put("payload", b.hex(HEX_BYTES));
      }
    }
    e.put("truncated", item.truncated());
    e.put("dropped", queue.dropped());
    return e;
  }

  private void write(OutputStream out, String event) throws IOException {
    startWriting();
    out.write(event.getBytes(StandardCharsets.UTF_8));
    out.flush();
    writing = false;
  }

  private void startWriting() {
    writingSince = System.nanoTime();
    writing = true;
  }

  /**
   * Cuts off a viewer that has not taken a write for the stall timeout: interrupting the writer
   * blocked in the socket's write closes the socket (it is an interruptible channel).
   */
  private void watch(Thread writer, InetSocketAddress viewer) {
    long stall = owner.stallTimeout().toNanos();
    try {
      while (true) {
        Thread.sleep(Duration.ofMillis(Math.max(100, stall / 4_000_000)));
        if (finished) {
          return;
        }
        if (writing && System.nanoTime() - writingSince > stall) {
          LOG.log(Level.WARNING, "dashboard tail {0} (mask ''{1}'', viewer {2}:{3}) cut off: it"
              + " took no bytes for {4} ms", client.name(), LogText.of(mask),
              viewer.getAddress().getHostAddress(), Integer.toString(viewer.getPort()),
              Long.toString(stall / 1_000_000));
          writer.interrupt();
          return;
        }
      }
    } catch (InterruptedException e) {
      // the endpoint is closing
    }
  }
}
