package org.loombus.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;

/**
 * {@code benchmark}: the seven stages of the reference tool with the same semantics (spec §10.2),
 * so the figures of the two tools can be read side by side. W workers each do I/W iterations of a
 * stage (one operation in flight per worker); a stage is credited with I iterations and lasts until
 * every worker has finished. "Processed" and RPC stages use QoS 3, as the reference does.
 */
final class Benchmark {
  private static final String USAGE = """
      Usage: loombus benchmark [-w WORKERS] [--payload-size BYTES] [-i ITERATIONS] [--stage NAME]...
        -w               workers, each with its own client (default 1)
        --payload-size   payload bytes, all 0xEE (default 100)
        -i               iterations per stage, split between the workers (default 1000000)
        --stage          run only this stage (repeatable; default all seven)
      Stages: rpc.call, rpc.call+handle, rpc.call0 (to an absent client), send.qos.no and
      send.qos.processed (to an absent client), send+recv.qos.no and send+recv.qos.processed (to
      itself, counting what arrives).""";
  private static final String SELFTEST = "benchmark.selftest";
  private static final List<String> RPC_STAGES = List.of("rpc.call", "rpc.call+handle", "rpc.call0");
  private static final List<String> BUS_STAGES = List.of("send.qos.no", "send.qos.processed",
      "send+recv.qos.no", "send+recv.qos.processed");

  private final Cli cli;
  private final int workers;
  private final long iterations;
  private final long perWorker;
  private final byte[] payload;
  private final boolean live;
  private final Set<String> selected;
  private final Map<String, Double> results = new TreeMap<>();

  private Benchmark(Cli cli, int workers, int payloadSize, long iterations, Set<String> selected) {
    this.cli = cli;
    this.selected = selected;
    this.workers = workers;
    this.iterations = iterations;
    this.perWorker = iterations / workers;
    this.payload = new byte[payloadSize];
    Arrays.fill(payload, (byte) 0xEE);
    this.live = System.console() != null;
  }

  /** One worker's share of a stage. */
  @FunctionalInterface
  private interface Work {
    void run(int worker, Progress progress) throws Exception;
  }

  static int run(Cli cli, Args a) throws CliException, InterruptedException {
    int w = 1;
    int size = 100;
    long iters = 1_000_000;
    Set<String> stages = new HashSet<>();
    while (a.hasNext()) {
      String flag = a.next("option");
      switch (flag) {
        case "-w", "--workers" -> w = a.intValue(flag, 1);
        case "--payload-size" -> size = a.intValue(flag, 0);
        case "-i", "--iters" -> iters = a.intValue(flag, 1);
        case "--stage" -> {
          String stage = a.next("stage name");
          if (!RPC_STAGES.contains(stage) && !BUS_STAGES.contains(stage)) {
            throw CliException.usage("benchmark: unknown stage '" + stage + "'");
          }
          stages.add(stage);
        }
        case "-h", "--help" -> {
          cli.out().println(USAGE);
          return 0;
        }
        default -> throw CliException.usage("benchmark: unknown option '" + flag + "'");
      }
    }
    if (iters < w) {
      throw CliException.usage("benchmark: -i must be at least the number of workers");
    }
    if (stages.isEmpty()) {
      stages.addAll(RPC_STAGES);
      stages.addAll(BUS_STAGES);
    }
    new Benchmark(cli, w, size, iters, stages).run();
    return 0;
  }

  private String workerName(int w) {
    return cli.name() + "-" + (w + 1);
  }

  private String absent(int w) {
    return workerName(w) + "-null";
  }

  private void run() throws CliException, InterruptedException {
    cli.err().printf(Locale.ROOT, "benchmark: %d workers, %d-byte payloads, %,d iterations per stage%n",
        workers, payload.length, iterations);
    if (RPC_STAGES.stream().anyMatch(selected::contains)) {
      rpcStages();
    }
    if (BUS_STAGES.stream().anyMatch(selected::contains)) {
      busStages();
    }
    printTable();
  }

  private void rpcStages() throws CliException, InterruptedException {
    List<RpcClient> rpcs = new ArrayList<>();
    try {
      for (int w = 0; w < workers; w++) {
        rpcs.add(Cli.rpc(cli.connect(workerName(w)), new RpcHandler() {
          @Override
          public byte[] onCall(RpcEvent call) throws RpcException {
            if (call.method().equals(SELFTEST)) {
              return call.payload();
            }
            throw new RpcException(RpcException.METHOD_NOT_FOUND);
          }
        }));
      }
      warmUp(rpcs);
      stage("rpc.call", (w, p) -> {
        for (long i = 0; i < perWorker; i++) {
          echo(rpcs.get(w).call(".broker", "benchmark.test", payload, Qos.REALTIME_PROCESSED,
              cli.timeout()));
          p.add(1);
        }
      });
      stage("rpc.call+handle", (w, p) -> {
        for (long i = 0; i < perWorker; i++) {
          echo(rpcs.get(w).call(workerName(w), SELFTEST, payload, Qos.REALTIME_PROCESSED,
              cli.timeout()));
          p.add(1);
        }
      });
      stage("rpc.call0", (w, p) -> {
        for (long i = 0; i < perWorker; i++) {
          acked(rpcs.get(w).call0(absent(w), "test", payload, Qos.REALTIME_PROCESSED).await(
              cli.timeout()));
          p.add(1);
        }
      });
    } finally {
      rpcs.forEach(RpcClient::close);
    }
  }

  /** A short spin of real calls so the stages measure warmed-up code on both sides. */
  private void warmUp(List<RpcClient> rpcs) throws CliException, InterruptedException {
    long calls = Math.min(perWorker, 2_000);
    runWorkers("warm-up", calls * workers, workers, (w, p) -> {
      for (long i = 0; i < calls; i++) {
        rpcs.get(w).call(".broker", "benchmark.test", payload, Qos.REALTIME_PROCESSED,
            cli.timeout());
      }
    }, false);
  }

  private void busStages() throws CliException, InterruptedException {
    List<BusClient> clients = new ArrayList<>();
    try {
      for (int w = 0; w < workers; w++) {
        clients.add(registerAgain(workerName(w)));
      }
      stage("send.qos.no", (w, p) -> {
        BusClient c = clients.get(w);
        for (long i = 0; i < perWorker; i++) {
          c.send(absent(w), payload, Qos.NO);
          p.add(1);
        }
      });
      stage("send.qos.processed", (w, p) -> {
        BusClient c = clients.get(w);
        for (long i = 0; i < perWorker; i++) {
          acked(c.send(absent(w), payload, Qos.REALTIME_PROCESSED).await(cli.timeout()));
          p.add(1);
        }
      });
      sendAndReceive("send+recv.qos.no", clients, Qos.NO);
      sendAndReceive("send+recv.qos.processed", clients, Qos.REALTIME_PROCESSED);
    } finally {
      clients.forEach(BusClient::close);
    }
  }

  /** The broker drops the RPC clients' names asynchronously; retry while the name is busy. */
  private BusClient registerAgain(String name) throws CliException, InterruptedException {
    long deadline = System.nanoTime() + cli.timeout().toNanos();
    while (true) {
      try {
        return cli.connect(name);
      } catch (CliException e) {
        if (System.nanoTime() > deadline || !e.getMessage().contains("busy")) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }

  private void sendAndReceive(String stage, List<BusClient> clients, Qos qos)
      throws CliException, InterruptedException {
    if (!selected.contains(stage)) {
      return;
    }
    for (BusClient c : clients) {
      while (c.receive(java.time.Duration.ZERO) != null) {
        // drain what earlier stages left
      }
    }
    stage(stage, 2 * workers, (task, p) -> {
      BusClient c = clients.get(task / 2);
      if (task % 2 == 0) {
        for (long i = 0; i < perWorker; i++) {
          if (qos == Qos.NO) {
            c.send(c.name(), payload, qos);
          } else {
            acked(c.send(c.name(), payload, qos).await(cli.timeout()));
          }
        }
      } else {
        for (long i = 0; i < perWorker; i++) {
          Frame f = c.receive(cli.timeout());
          if (f == null) {
            throw new IllegalStateException("frame " + (i + 1) + " of " + perWorker
                + " did not arrive within " + cli.timeout());
          }
          p.add(1);
        }
      }
    });
  }

  private void echo(byte[] reply) {
    if (!Arrays.equals(reply, payload)) {
      throw new IllegalStateException("the reply is not the echo of the params");
    }
  }

  /** The absent-target stages answer 71; anything but a result is a failure. */
  private static void acked(int code) {
    if (code == ResultCode.TIMEOUT) {
      throw new IllegalStateException("no ACK in time");
    }
  }

  private void stage(String name, Work work) throws CliException, InterruptedException {
    stage(name, workers, work);
  }

  private void stage(String name, int tasks, Work work) throws CliException, InterruptedException {
    if (!selected.contains(name)) {
      return;
    }
    results.put(name, runWorkers(name, iterations, tasks, work, true));
  }

  /**
   * Runs {@code tasks} platform threads to the end; the first failure fails the stage. Platform
   * threads like the clients' own (see {@link Cli#connect(String)}).
   */
  private double runWorkers(String name, long total, int tasks, Work work, boolean show)
      throws CliException, InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (Progress progress = new Progress(name, total, cli.err(), live && show)) {
      long start = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        int task = t;
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            work.run(task, progress);
          } catch (Exception | Error e) {
            failure.compareAndSet(null, e);
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      Throwable e = failure.get();
      if (e != null) {
        throw CliException.failed(name + " failed: " + (e instanceof BusException
            || e instanceof RpcException || e instanceof IllegalStateException
            ? e.getMessage() : e.toString()));
      }
      if (show) {
        progress.finish(secs);
      }
      return secs;
    }
  }

  private void printTable() {
    Table t = new Table(List.of("stage", "iters", "secs", "msecs", "iters/s"),
        false, true, true, true, true);
    results.forEach((stage, secs) -> t.add(List.of(stage,
        String.format(Locale.ROOT, "%,d", iterations),
        String.format(Locale.ROOT, "%.3f", secs),
        String.format(Locale.ROOT, "%d", Math.round(secs * 1000)),
        String.format(Locale.ROOT, "%,d", Math.round(iterations / secs)))));
    t.print(cli.out());
  }
}
