package org.loombus.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.CallFunction;
import org.loombus.aldrin.protocol.CallFunction2;
import org.loombus.aldrin.protocol.CallFunctionReply;
import org.loombus.aldrin.protocol.EmitEvent;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;

/**
 * {@code ./dev aldrin-perf}: Aldrin function-call round trips (1 and 8 callers, one callee) and
 * event fan-out (1 emitter, 8 subscribers) against Loombus's Aldrin host and, with {@code
 * --reference PATH}, the Rust {@code aldrin-broker}'s host, both driven by the same Java client
 * ({@link AldrinPeer}) in the same runs, alternating. Both hosts are the conformance tester's kind
 * of program: they print their TCP port as the first line and stop when standard input closes.
 * Prints every run, then medians, the ratio Loombus/reference and each host's CPU seconds per
 * million operations.
 */
public final class AldrinPerf {
  private static final int CALLERS = 8;
  private static final int SUBSCRIBERS = 8;
  /** Events an emitter may be ahead of its slowest subscriber: bounds every queue on the way. */
  private static final int WINDOW = 1_000;
  private static final Pattern PORT = Pattern.compile("^(\\d+)\\s*$", Pattern.MULTILINE);
  private static final RawValue PAYLOAD =
      ValueCodec.encode(new AldrinValue.Bytes(new byte[100]), ValueEpoch.V2);

  private AldrinPerf() {}

  /** One broker host under test. */
  private record Host(String label, ChildProcess process, InetSocketAddress address) {}

  /**
   * @param args {@code [--loombus PATH] [--reference PATH] [--runs R] [-n OPERATIONS]}
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    Path loombus = Path.of("jlink/target/loombus/bin/loombus-aldrin-test-host");
    Path reference = null;
    int runs = 3;
    int n = 200_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--loombus" -> loombus = Path.of(args[++i]);
        case "--reference" -> reference = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "-n" -> n = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: AldrinPerf [--loombus PATH] [--reference PATH] [--runs R]"
              + " [-n OPERATIONS]");
          System.exit(2);
        }
      }
    }
    List<Host> hosts = new ArrayList<>();
    try {
      hosts.add(start("loombus", loombus));
      if (reference != null) {
        hosts.add(start("reference", reference));
      }
      run(hosts, runs, n, System.out);
    } finally {
      for (Host h : hosts) {
        stop(h);
      }
    }
  }

  private static void run(List<Host> hosts, int runs, int n, PrintStream out) throws Exception {
    List<String> stages = List.of("call -w 1", "call -w " + CALLERS,
        "events 1 -> " + SUBSCRIBERS);
    Map<String, double[]> rates = new LinkedHashMap<>();
    Map<String, double[]> cpu = new LinkedHashMap<>();
    out.printf(Locale.ROOT, "%d runs of %,d operations per stage, 100-byte values, Java %s, %d CPUs;"
        + " hosts: %s%n", runs, n, Runtime.version(), Runtime.getRuntime().availableProcessors(),
        String.join(", ", hosts.stream().map(h -> h.label() + " (pid " + h.process().pid() + ")")
            .toList()));
    for (Host h : hosts) { // warm-up of both sides
      calls(h, 1, n / 10);
      events(h, n / 10);
    }
    for (int run = 0; run < runs; run++) {
      for (int k = 0; k < hosts.size(); k++) {
        Host h = hosts.get((run + k) % hosts.size()); // alternate which goes first
        for (String stage : stages) {
          double before = h.process().cpuSeconds();
          long nanos = stage.startsWith("events") ? events(h, n)
              : calls(h, stage.endsWith(" 1") ? 1 : CALLERS, stage.endsWith(" 1") ? n / 4 : n);
          long operations = stage.endsWith(" 1") ? n / 4 : n;
          double rate = operations / (nanos / 1e9);
          double perMillion = (h.process().cpuSeconds() - before) / (operations / 1e6);
          String key = h.label() + " " + stage;
          rates.computeIfAbsent(key, x -> new double[runs])[run] = rate;
          cpu.computeIfAbsent(key, x -> new double[runs])[run] = perMillion;
          out.printf(Locale.ROOT, "run %d: %-10s %-14s %,10.0f/s  host %.2f CPU s per million%n",
              run + 1, h.label(), stage, rate, perMillion);
        }
      }
    }
    out.printf(Locale.ROOT, "%nmedians of %d runs (events: deliveries per second, all subscribers)"
        + ":%n%-14s %12s %8s", runs, "stage", "loombus/s", "CPU s/M");
    out.print(hosts.size() > 1 ? String.format(Locale.ROOT, " %12s %8s %7s%n", "reference/s",
        "CPU s/M", "ratio") : "\n");
    for (String stage : stages) {
      double mine = Report.median(rates.get("loombus " + stage));
      out.printf(Locale.ROOT, "%-14s %,12.0f %8.2f", stage, mine,
          Report.median(cpu.get("loombus " + stage)));
      if (hosts.size() > 1) {
        double theirs = Report.median(rates.get("reference " + stage));
        out.printf(Locale.ROOT, " %,12.0f %8.2f %7.2f", theirs,
            Report.median(cpu.get("reference " + stage)), mine / theirs);
      }
      out.println();
    }
  }

  /** Round trips of {@code total} calls shared by {@code callers} callers; nanoseconds taken. */
  private static long calls(Host h, int callers, int total) throws Exception {
    try (AldrinPeer callee = AldrinPeer.connect(h.address())) {
      UUID service = callee.createService();
      Thread server = Thread.ofPlatform().name("aldrin-callee").start(() -> serve(callee, total));
      List<AldrinPeer> peers = new ArrayList<>();
      try {
        for (int c = 0; c < callers; c++) {
          peers.add(AldrinPeer.connect(h.address()));
        }
        List<ParallelRun.Task> tasks = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
          AldrinPeer caller = peers.get(c);
          int share = total / callers + (c < total % callers ? 1 : 0);
          tasks.add(() -> {
            for (int i = 1; i <= share; i++) {
              caller.send(new CallFunction2(i, service, 1, OptionalInt.empty(), PAYLOAD));
              caller.flush();
              if (!(caller.receive() instanceof CallFunctionReply r && r.serial() == i
                  && r.result() instanceof CallFunctionReply.Result.Ok)) {
                throw new IOException("call " + i + " was not answered Ok");
              }
            }
          });
        }
        return ParallelRun.nanos(tasks, Duration.ofMinutes(5));
      } finally {
        for (AldrinPeer p : peers) {
          p.close();
        }
        server.join(Duration.ofSeconds(30));
      }
    }
  }

  /** The callee: answers every call with its own value, flushing when nothing more is queued. */
  private static void serve(AldrinPeer callee, int total) {
    try {
      for (int answered = 0; answered < total; answered++) {
        AldrinMessage m = callee.receive();
        int serial = m instanceof CallFunction2 c ? c.serial()
            : m instanceof CallFunction c ? c.serial() : -1;
        if (serial < 0) {
          throw new IOException("the callee got " + m);
        }
        callee.send(new CallFunctionReply(serial, new CallFunctionReply.Result.Ok(PAYLOAD)));
        if (!callee.hasInput()) {
          callee.flush();
        }
      }
      callee.flush();
    } catch (IOException e) {
      System.err.println("aldrin-perf: callee: " + e.getMessage());
    }
  }

  /** {@code total} events emitted to every subscriber; nanoseconds until all received all. */
  private static long events(Host h, int total) throws Exception {
    try (AldrinPeer emitter = AldrinPeer.connect(h.address())) {
      UUID service = emitter.createService();
      List<AldrinPeer> subscribers = new ArrayList<>();
      AtomicLongArray received = new AtomicLongArray(SUBSCRIBERS);
      try {
        for (int s = 0; s < SUBSCRIBERS; s++) {
          AldrinPeer p = AldrinPeer.connect(h.address());
          subscribers.add(p);
          p.subscribe(service, 1);
        }
        List<ParallelRun.Task> tasks = new ArrayList<>();
        for (int s = 0; s < SUBSCRIBERS; s++) {
          AldrinPeer p = subscribers.get(s);
          int index = s;
          tasks.add(() -> {
            for (int i = 0; i < total; i++) {
              if (!(p.receive() instanceof EmitEvent)) {
                throw new IOException("a subscriber got something else than an event");
              }
              received.incrementAndGet(index);
            }
          });
        }
        tasks.add(() -> {
          for (int i = 0; i < total; i++) {
            emitter.send(new EmitEvent(service, 1, PAYLOAD));
            if (i % 100 == 99) {
              emitter.flush();
              awaitSlowest(received, i + 1 - WINDOW);
            }
          }
          emitter.flush();
        });
        return ParallelRun.nanos(tasks, Duration.ofMinutes(5));
      } finally {
        for (AldrinPeer p : subscribers) {
          p.close();
        }
      }
    }
  }

  /** Spins (yielding) until every subscriber has received at least {@code count} events. */
  private static void awaitSlowest(AtomicLongArray received, long count) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (int s = 0; s < received.length(); s++) {
      while (received.get(s) < count) {
        if (System.nanoTime() > deadline) {
          throw new IOException("subscriber " + s + " stalled at " + received.get(s));
        }
        Thread.onSpinWait();
        Thread.yield();
      }
    }
  }

  private static Host start(String label, Path program) throws Exception {
    ChildProcess p = ChildProcess.program(List.of(program.toAbsolutePath().toString()));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = PORT.matcher(p.output());
      if (m.find()) {
        return new Host(label, p,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1))));
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    String output = p.output();
    p.close();
    throw new IOException(program + " printed no port: " + output);
  }

  private static void stop(Host h) throws Exception {
    h.process().closeInput();
    int status = h.process().awaitExit(10);
    if (status != 0) {
      System.err.printf("aldrin-perf: %s host exited with %d%n", h.label(), status);
    }
    h.process().close();
  }
}
