package org.loombus.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerHandle;
import org.loombus.server.BindAddress;
import org.loombus.server.BrokerServer;

/**
 * What the daemon's {@code -B} flags open: the socket listeners (a {@link BrokerServer}, with the
 * certificate of its {@code wss://} listeners) and the
 * FIFO command channels, which are the daemon's own since they act in the name of
 * {@code .broker}; and what its {@code --aldrin} flags open, the Aldrin bus ({@link AldrinFront}).
 */
final class Listeners implements AutoCloseable {
  private final BrokerServer server;
  private final List<FifoChannel> fifos;
  private final AldrinFront aldrin;

  private Listeners(BrokerServer server, List<FifoChannel> fifos, AldrinFront aldrin) {
    this.server = server;
    this.fifos = fifos;
    this.aldrin = aldrin;
  }

  /**
   * Binds every socket, then creates every FIFO, then binds the Aldrin addresses; if one fails,
   * what was opened is closed again.
   *
   * @param aldrin the running Aldrin bus for {@code --aldrin}, or null without; once its
   *     addresses are being bound it belongs to the listeners, which shut it down on close or
   *     failure
   * @throws IOException with a one-line reason naming the address that failed
   */
  static Listeners open(DaemonOptions options, BrokerHandle broker, AaaMap aaa,
      AldrinBroker aldrin) throws IOException {
    List<BindAddress> sockets = new ArrayList<>();
    List<BindAddress> pipes = new ArrayList<>();
    for (BindAddress b : options.binds()) {
      (b.kind() == BindAddress.Kind.FIFO ? pipes : sockets).add(b);
    }
    BrokerServer server = BrokerServer.builder(broker)
        .bind(sockets)
        .aaa(aaa)
        .socketMode(options.socketMode())
        .socketGroup(options.socketGroup())
        .tls(options.wssKeystore() == null ? null
            : WssKeystore.context(options.wssKeystore(), options.wssPasswordFile()))
        .start();
    List<FifoChannel> fifos = new ArrayList<>();
    try {
      for (BindAddress p : pipes) {
        fifos.add(FifoChannel.open(p.path(), broker, options.fifoMode(), options.fifoGroup()));
      }
    } catch (IOException | RuntimeException e) {
      fifos.forEach(FifoChannel::close);
      server.close();
      throw e;
    }
    AldrinFront front = null;
    if (aldrin != null) {
      try {
        front = AldrinFront.open(options.aldrin(), aldrin, options.socketMode(),
            options.socketGroup());
      } catch (IOException | RuntimeException e) {
        fifos.forEach(FifoChannel::close);
        server.close();
        throw e;
      }
    }
    return new Listeners(server, List.copyOf(fifos), front);
  }

  /**
   * Stops accepting, closes the FIFOs, shuts the Aldrin clients down and removes socket and FIFO
   * files.
   */
  @Override
  public void close() {
    server.close();
    fifos.forEach(FifoChannel::close);
    if (aldrin != null) {
      aldrin.close();
    }
  }
}
