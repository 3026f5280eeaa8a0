package org.loombus.daemon;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.LogText;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Qos;
import org.loombus.rpc.KeyValueParams;
import org.loombus.rpc.MsgPack;
import org.loombus.rpc.RpcPayload;

/**
 * The FIFO command channel (docs/protocol.md §7.3): a named pipe, mode 0620 unless the daemon is
 * told otherwise (busrtd's 0622 lets any local user act as {@code .broker}), whose lines {@code
 * .broker} carries out with QoS 0: {@code =TOPIC PAYLOAD} publishes, {@code TARGET .TEXT} sends an
 * RPC notification, {@code TARGET :METHOD k=v …} an RPC call0, {@code TARGET PAYLOAD} a direct
 * message (a broadcast when TARGET has {@code *} or {@code ?}). Lines split on single spaces; only
 * the first two words count, except the params of a call. Errors are logged, never fatal.
 */
final class FifoChannel implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("org.loombus.daemon");
  /** Longest command line carried out, in bytes; a longer one is ignored with one log line. */
  static final int MAX_LINE = 64 * 1024;
  private final Path path;
  private final FileChannel channel;
  private final BusClient core;

  private FifoChannel(Path path, FileChannel channel, BusClient core) {
    this.path = path;
    this.channel = channel;
    this.core = core;
  }

  /**
   * (Re)creates the pipe and starts reading it on its own daemon thread. A pipe left at the path
   * by an earlier run is replaced; any other file there is an error, never deleted.
   *
   * @param path where the pipe goes
   * @param broker the broker, whose {@code .broker} client acts on the commands
   * @param mode the pipe's permissions (busrtd's are {@code rw--w--w-}, anyone may write)
   * @param group the pipe's group, or {@code null} to leave the daemon's
   * @return the open channel
   * @throws IOException with a one-line reason if the pipe cannot be made
   */
  public static FifoChannel open(Path path, BrokerHandle broker, Set<PosixFilePermission> mode,
      String group) throws IOException {
    BusClient core = broker.coreClient().orElseThrow(
        () -> new IOException("fifo:" + path + " needs the broker's .broker client"));
    removeStalePipe(path);
    mkfifo(path, mode);
    if (group != null) {
      try {
        GroupPrincipal g = path.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByGroupName(group);
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(g);
      } catch (UserPrincipalNotFoundException e) {
        Files.deleteIfExists(path);
        throw new IOException("cannot create FIFO " + path + ": no group '" + group + "'", e);
      }
    }
    // Opened read-write, the pipe never reports end-of-file when a writer leaves.
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FifoChannel fifo = new FifoChannel(path, ch, core);
    // A pipe read blocks in the kernel for good; a platform thread keeps it off the carriers.
    Thread t = Thread.ofPlatform().daemon().name("loombus-fifo")
        .unstarted(() -> fifo.readLines(broker));
    t.start();
    return fifo;
  }

  private static void removeStalePipe(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    if ((mode & 0170000) != 0010000) {
      throw new IOException("cannot create FIFO " + path + ": a file that is not a FIFO is in the"
          + " way");
    }
    Files.delete(path);
  }

  /** mkfifo -m sets the mode as chmod does, whatever the umask, as the pipe comes into being. */
  private static void mkfifo(Path path, Set<PosixFilePermission> mode) throws IOException {
    int bits = 0;
    for (PosixFilePermission p : mode) {
      bits |= 0400 >> p.ordinal(); // OWNER_READ, OWNER_WRITE, OWNER_EXECUTE, GROUP_READ, …
    }
    Process p = new ProcessBuilder("mkfifo", "-m", Integer.toOctalString(bits), path.toString())
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

  /**
   * Carries out the lines as they come, paced by the receivers (a flood of lines waits for a
   * slow receiver instead of disconnecting it), each line at most {@link #MAX_LINE} bytes.
   */
  private void readLines(BrokerHandle broker) {
    broker.holdBackCallingThread();
    BoundedLines lines = new BoundedLines(Channels.newInputStream(channel), MAX_LINE,
        why -> LOG.log(Level.WARNING, "FIFO {0}: ignored {1}", path, why));
    try {
      for (String line = lines.next(); line != null; line = lines.next()) {
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
