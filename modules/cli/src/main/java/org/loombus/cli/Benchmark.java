package org.loombus.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Confirmation;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;
import org.loombus.rpc.RpcPayload;

/**
 * {@code benchmark}: the seven stages of the reference tool with the same semantics
 * (docs/protocol.md §10.2), so the figures of the two tools can be read side by side. W workers
 * each do I/W iterations of a stage (one operation in flight per worker); a stage is credited with
 * I iterations and lasts until every worker has finished. "Processed" and RPC stages use QoS 3, as
 * the reference does. Like the reference's tokio tasks, a worker whose operation waits for an
 * answer holds no thread: it is an {@link OperationChain} continued by the client's I/O thread;
 * fire-and-forget workers are sending loops on threads of their own.
 */
final class Benchmark {
  private static final String USAGE = """
      Usage: loombus benchmark [-w WORKERS] [--payload-size BYTES] [-i ITERATIONS] [--stage NAME]...
                               [--target NAME]
             loombus benchmark --respond NAME [-w WORKERS]
        -w               workers, each with its own client (default 1)
        --payload-size   payload bytes, all 0xEE (default 100)
        -i               iterations per stage, split between the workers (default 1000000)
        --stage          run only this stage (repeatable; default all seven)
        --target         rpc.call, send.qos.no and send.qos.processed go to the clients NAME-1 …
                         NAME-W instead (e.g. responders on another node of a federation)
        --respond        be those clients: NAME-1 … NAME-W answer rpc.call and take what the
                         send stages send, until the tool is stopped
      Stages: rpc.call, rpc.call+handle, rpc.call0 (to an absent client), send.qos.no and
      send.qos.processed (to an absent client), send+recv.qos.no and send+recv.qos.processed (to
      itself, counting what arrives).""";
  private static final String SELFTEST = "benchmark.selftest";
  /**
   * Iterations per worker that each stage runs unmeasured first, so that this JVM compiles the
   * stage's own code before the clock starts rather than during the measurement (the reference's
   * tool is compiled ahead of time, and spends 5 s warming the CPU instead).
   */
  private static final long WARM_UP = 20_000;
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
  private final String target;
  private final Map<String, Double> results = new TreeMap<>();

  private Benchmark(Cli cli, int workers, int payloadSize, long iterations, Set<String> selected,
      String target) {
    this.cli = cli;
    this.selected = selected;
    this.target = target;
    this.workers = workers;
    this.iterations = iterations;
    this.perWorker = iterations / workers;
    this.payload = new byte[payloadSize];
    Arrays.fill(payload, (byte) 0xEE);
    this.live = System.console() != null;
  }

  static int run(Cli cli, Args a) throws CliException, InterruptedException {
    int w = 1;
    int size = 100;
    long iters = 1_000_000;
    Set<String> stages = new HashSet<>();
    String target = null;
    String respond = null;
    while (a.hasNext()) {
      String flag = a.flag();
      switch (flag) {
        case "-w", "--workers" -> w = a.intValue(flag, 1);
        case "--payload-size" -> size = a.intValue(flag, 0);
        case "-i", "--iters" -> iters = a.intValue(flag, 1);
        case "--stage" -> {
          String stage = a.value(flag);
          if (!RPC_STAGES.contains(stage) && !BUS_STAGES.contains(stage)) {
            throw CliException.usage("benchmark: unknown stage '" + stage + "'");
          }
          stages.add(stage);
        }
        case "--target" -> target = a.value(flag);
        case "--respond" -> respond = a.value(flag);
        case "-h", "--help" -> {
          cli.out().println(USAGE);
          return 0;
        }
        default -> throw CliException.usage("benchmark: unknown option '" + flag + "'");
      }
    }
    if (respond != null) {
      return respond(cli, respond, w);
    }
    if (iters < w) {
      throw CliException.usage("benchmark: -i must be at least the number of workers");
    }
    if (stages.isEmpty()) {
      stages.addAll(RPC_STAGES);
      stages.addAll(BUS_STAGES);
    }
    new Benchmark(cli, w, size, iters, stages, target).run();
    return 0;
  }

  /**
   * The other end of {@code --target}: W clients that echo rpc.call and drop every other frame,
   * both where the frame arrives (no thread hand-off, no queue), as the measuring side's own
   * receivers do.
   */
  private static int respond(Cli cli, String name, int workers)
      throws CliException, InterruptedException {
    List<BusClient> responders = new ArrayList<>();
    try {
      for (int w = 1; w <= workers; w++) {
        BusClient c = cli.connect(name + "-" + w);
        responders.add(c);
        c.intercept(f -> {
          if (f.kind() == FrameKind.MESSAGE
              && RpcPayload.parse(f.payload()) instanceof RpcPayload.Request r
              && r.id() != 0 && r.methodName().equals(SELFTEST)) {
            c.send(f.sender(), new RpcPayload.Reply(r.id(), r.params()).encode(),
                f.isRealtime() ? Qos.REALTIME_PROCESSED : Qos.PROCESSED);
          }
          return true;
        });
      }
      cli.err().printf(Locale.ROOT, "benchmark: responding as %s-1 … %s-%d%n", name, name,
          workers);
      while (responders.stream().allMatch(BusClient::isConnected)) {
        Thread.sleep(200);
      }
      return 1; // the broker went away
    } finally {
      responders.forEach(BusClient::close);
    }
  }

  private String workerName(int w) {
    return cli.name() + "-" + (w + 1);
  }

  private void run() throws CliException, InterruptedException {
    // The unmeasured iterations are stated so that whoever measures this process's CPU, or the
    // broker's, while it runs can count every operation (./dev perf does).
    cli.err().printf(Locale.ROOT, "benchmark: %d workers, %d-byte payloads, %,d iterations per"
        + " stage, each after %,d unmeasured per worker%n", workers, payload.length, iterations,
        warmUp());
    if (RPC_STAGES.stream().anyMatch(selected::contains)) {
      rpcStages();
    }
    if (BUS_STAGES.stream().anyMatch(selected::contains)) {
      busStages();
    }
    printTable();
  }

  /** Starts the operation of a chain and completes it when the future does. */
  private interface Operation {
    void start(int worker, OperationChain chain);
  }

  private void rpcStages() throws CliException, InterruptedException {
    List<RpcClient> rpcs = new ArrayList<>();
    try {
      for (int w = 0; w < workers; w++) {
        // The echo answers at once, so it runs where the request arrives (no thread hand-off).
        rpcs.add(RpcClient.start(cli.connect(workerName(w)), new RpcHandler() {
          @Override
          public byte[] onCall(RpcEvent call) throws RpcException {
            if (call.method().equals(SELFTEST)) {
              return call.payload();
            }
            throw new RpcException(RpcException.METHOD_NOT_FOUND);
          }
        }, Runnable::run));
      }
      List<String> targets = target == null ? null : targetNames();
      chains("rpc.call", (w, c) -> echo(c, targets == null
          ? rpcs.get(w).callAsync(".broker", "benchmark.test", payload, Qos.REALTIME_PROCESSED)
          : rpcs.get(w).callAsync(targets.get(w), SELFTEST, payload, Qos.REALTIME_PROCESSED)));
      List<String> self = names("");
      chains("rpc.call+handle", (w, c) -> echo(c,
          rpcs.get(w).callAsync(self.get(w), SELFTEST, payload, Qos.REALTIME_PROCESSED)));
      List<String> absent = names("-null");
      chains("rpc.call0", (w, c) -> acked(c,
          rpcs.get(w).call0(absent.get(w), "test", payload, Qos.REALTIME_PROCESSED)));
    } finally {
      rpcs.forEach(RpcClient::close);
    }
  }

  private void busStages() throws CliException, InterruptedException {
    List<BusClient> clients = new ArrayList<>();
    try {
      for (int w = 0; w < workers; w++) {
        clients.add(cli.connect(workerName(w)));
      }
      List<String> absent = target == null ? names("-null") : targetNames();
      stage("send.qos.no", (count, measured) -> {
        StageRun run = start("send.qos.no", workers, measured);
        for (int w = 0; w < workers; w++) {
          BusClient c = clients.get(w);
          String target = absent.get(w);
          run.thread(() -> {
            for (long i = 0; i < count; i++) {
              c.send(target, payload, Qos.NO);
              run.progress();
            }
          });
        }
        finish("send.qos.no", run, measured);
      });
      chains("send.qos.processed", (w, c) -> acked(c,
          clients.get(w).send(absent.get(w), payload, Qos.REALTIME_PROCESSED)));
      stage("send+recv.qos.no", (count, measured) -> sendAndReceive(
          "send+recv.qos.no", clients, Qos.NO, count, measured));
      stage("send+recv.qos.processed", (count, measured) -> sendAndReceive(
          "send+recv.qos.processed", clients, Qos.REALTIME_PROCESSED, count, measured));
    } finally {
      clients.forEach(BusClient::close);
    }
  }

  /** @return the clients of {@code --target}, one per worker */
  private List<String> targetNames() {
    List<String> names = new ArrayList<>();
    for (int w = 1; w <= workers; w++) {
      names.add(target + "-" + w);
    }
    return names;
  }

  /** @return each worker's name with {@code suffix} ({@code -null}: an absent client) */
  private List<String> names(String suffix) {
    List<String> names = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      names.add(workerName(w) + suffix);
    }
    return names;
  }

  /**
   * Each worker sends to itself; a counter per worker takes what arrives, where it arrives, and
   * finishes when all of it has.
   */
  private void sendAndReceive(String stage, List<BusClient> clients, Qos qos, long count,
      boolean measured) throws CliException, InterruptedException {
    StageRun run = start(stage, 2 * workers, measured);
    for (BusClient c : clients) {
      long[] received = {0};
      c.intercept(f -> {
        if (++received[0] == count) {
          run.finished();
        }
        run.progress();
        return true;
      });
    }
    try {
      for (int w = 0; w < workers; w++) {
        BusClient c = clients.get(w);
        if (qos == Qos.NO) {
          run.thread(() -> {
            for (long i = 0; i < count; i++) {
              c.send(c.name(), payload, qos);
            }
          });
        } else {
          new OperationChain(count, run) {
            @Override
            void issue() {
              acked(this, c.send(c.name(), payload, qos));
            }
          }.resume();
        }
      }
      finish(stage, run, measured);
    } finally {
      clients.forEach(c -> c.intercept(null));
    }
  }

  /** One way of running a stage, for a given number of operations per worker. */
  private interface StageBody {
    void run(long perWorker, boolean measured) throws CliException, InterruptedException;
  }

  /** @return the unmeasured iterations per worker before each stage */
  private long warmUp() {
    return Math.min(perWorker, WARM_UP);
  }

  /** Runs a selected stage: {@link #warmUp} operations per worker unmeasured, then measured. */
  private void stage(String stage, StageBody body) throws CliException, InterruptedException {
    if (!selected.contains(stage)) {
      return;
    }
    body.run(warmUp(), false);
    body.run(perWorker, true);
  }

  /** Runs a stage as one chain of operations per worker. */
  private void chains(String stage, Operation op) throws CliException, InterruptedException {
    stage(stage, (count, measured) -> {
      StageRun run = start(stage, workers, measured);
      for (int w = 0; w < workers; w++) {
        int worker = w;
        new OperationChain(count, run) {
          @Override
          void issue() {
            op.start(worker, this);
          }
        }.resume();
      }
      finish(stage, run, measured);
    });
  }

  private StageRun start(String stage, int parts, boolean measured) {
    return new StageRun(stage, parts, new Progress(stage, iterations, cli.err(), live && measured),
        cli.timeout());
  }

  private void finish(String stage, StageRun run, boolean measured)
      throws CliException, InterruptedException {
    double secs = run.await();
    if (measured) {
      results.put(stage, secs);
    }
  }

  /** Completes the chain's operation with the reply, which must echo the params. */
  private void echo(OperationChain chain, CompletableFuture<byte[]> reply) {
    reply.whenComplete((result, error) -> chain.completed(error != null ? unwrap(error)
        : Arrays.equals(result, payload) ? null
        : new IllegalStateException("the reply is not the echo of the params")));
  }

  /** Completes the chain's operation with its ACK; any result code will do (absent targets 71). */
  private static void acked(OperationChain chain, Confirmation ack) {
    ack.whenComplete(code -> chain.completed(code == Confirmation.CLOSED_CODE
        ? new IllegalStateException("the connection closed") : null));
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
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
