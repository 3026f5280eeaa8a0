package org.loombus.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.LogText;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Qos;
import org.loombus.rpc.KeyValueParams;
import org.loombus.rpc.MsgPack;
import org.loombus.rpc.RpcPayload;

/**
 * The FIFO command channel (docs/protocol.md §7.3): a named pipe, mode 0622, whose lines {@code
 * .broker} carries out with QoS 0: {@code =TOPIC PAYLOAD} publishes, {@code TARGET .TEXT} sends an
 * RPC notification, {@code TARGET :METHOD k=v …} an RPC call0, {@code TARGET PAYLOAD} a direct
 * message (a broadcast when TARGET has {@code *} or {@code ?}). Lines split on single spaces; only
 * the first two words count, except the params of a call. Errors are logged, never fatal.
 */
final class FifoChannel implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("org.loombus.daemon");
  private final Path path;
  private final FileChannel channel;
  private final BusClient core;

  private FifoChannel(Path path, FileChannel channel, BusClient core) {
    this.path = path;
    this.channel = channel;
    this.core = core;
  }

  /**
   * (Re)creates the pipe and starts reading it on its own daemon thread.
   *
   * @param path where the pipe goes
   * @param broker the broker, whose {@code .broker} client acts on the commands
   * @return the open channel
   * @throws IOException with a one-line reason if the pipe cannot be made
   */
  public static FifoChannel open(Path path, BrokerHandle broker) throws IOException {
    BusClient core = broker.coreClient().orElseThrow(
        () -> new IOException("fifo:" + path + " needs the broker's .broker client"));
    Files.deleteIfExists(path);
    mkfifo(path);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw--w--w-"));
    // Opened read-write, the pipe never reports end-of-file when a writer leaves.
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FifoChannel fifo = new FifoChannel(path, ch, core);
    // A pipe read blocks in the kernel for good; a platform thread keeps it off the carriers.
    Thread t = Thread.ofPlatform().daemon().name("loombus-fifo").unstarted(fifo::readLines);
    t.start();
    return fifo;
  }

  private static void mkfifo(Path path) throws IOException {
    Process p = new ProcessBuilder("mkfifo", "-m", "0622", path.toString())
        .redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw new IOException("cannot create FIFO " + path + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating FIFO " + path, e);
    }
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          execute(line);
        }
      }
    } catch (IOException e) {
      // closed at shutdown
    }
  }

  /**
   * Carries out one command line.
   *
   * @param line the line, without its newline
   */
  void execute(String line) {
    String[] words = line.split(" ");
    if (words.length < 2) {
      LOG.log(Level.WARNING, "FIFO {0}: ignored ''{1}'': expected TARGET PAYLOAD", path,
          LogText.of(line));
      return;
    }
    String target = words[0];
    String second = words[1];
    byte[] text = (second.length() > 0 && (second.charAt(0) == '.' || second.charAt(0) == ':')
        ? second.substring(1) : second).getBytes(StandardCharsets.UTF_8);
    try {
      if (target.startsWith("=")) {
        core.publish(target.substring(1), second.getBytes(StandardCharsets.UTF_8), Qos.NO);
      } else if (second.startsWith(".")) {
        core.send(target, new RpcPayload.Notification(text).encode(), Qos.NO);
      } else if (second.startsWith(":")) {
        List<String> kv = Arrays.asList(words).subList(2, words.length);
        byte[] params = MsgPack.encode(KeyValueParams.parse(kv));
        core.send(target, new RpcPayload.Request(0, text, params).encode(), Qos.NO);
      } else if (target.indexOf('*') >= 0 || target.indexOf('?') >= 0) {
        core.broadcast(target, text, Qos.NO);
      } else {
        core.send(target, text, Qos.NO);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "FIFO {0}: ''{1}'' failed: {2}", path, LogText.of(line),
          LogText.of(e.getMessage()));
    }
  }

  /** Stops reading and removes the pipe. */
  @Override
  public void close() {
    try {
      channel.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot remove FIFO {0}: {1}", path, e.getMessage());
    }
  }
}
