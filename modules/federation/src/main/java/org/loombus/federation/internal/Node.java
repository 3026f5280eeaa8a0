package org.loombus.federation.internal;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.RemoteDelivery;
import org.loombus.broker.RemoteStatistics;
import org.loombus.federation.FederationConfig;
import org.loombus.federation.FederationException;
import org.loombus.protocol.ResultCode;

/**
 * One node of the federation, wired: the broker's routes out ({@link FederationRoutes}), the
 * frames in ({@link Inbound}) on a data dispatcher, the directory ({@link Control}) on a control
 * dispatcher, all over one {@link Link}. The subscriptions are made on the first connection; the
 * NATS client makes them again after every reconnection.
 */
public final class Node implements AutoCloseable {
  /** Most record bytes waiting to be published. */
  private static final long OUT_BYTES = 16L << 20;
  /** Most acknowledged messages waiting for their answer at once. */
  private static final int MAX_PENDING = 65_536;

  private final FederationConfig config;
  private final Subjects subjects;
  private final Counters counters = new Counters();
  private final Link link;
  private final Outbound out;
  private final PendingAcks pending = new PendingAcks(MAX_PENDING);
  private final FederationRoutes routes;
  private final Control control;
  private final Inbound inbound;

  private Node(BrokerHandle broker, FederationConfig config) throws FederationException {
    this.config = config;
    this.subjects = new Subjects(config.prefix());
    long boot = new SecureRandom().nextLong();
    byte[] name = config.node().getBytes(StandardCharsets.UTF_8);
    Directory directory = new Directory();
    LocalNames local = new LocalNames(name, boot);
    Interest interest = new Interest(subjects, counters);
    this.out = new Outbound(OUT_BYTES, name, boot, counters, Outbound.ANSWER_WAIT);
    this.link = new Link(config, counters, this::connected,
        () -> pending.failAll(ResultCode.IO));
    long ackNanos = config.ackTimeout().toNanos();
    this.routes = new FederationRoutes(subjects, directory, local, interest, out, pending, link,
        counters, config.node(), ackNanos);
    RemoteDelivery delivery = broker.federate(routes);
    this.inbound = new Inbound(config.node(), subjects, config.prefix(), delivery, pending, out,
        counters, ackNanos / 4);
    this.control = new Control(config.node(), boot, subjects, directory, local, interest, pending,
        link, counters, delivery, config.heartbeat());
  }

  /**
   * Federates the broker and starts connecting to NATS in the background.
   *
   * @param broker the node's broker, before its clients connect
   * @param config the settings
   * @return the running node
   * @throws FederationException if a file of the settings cannot be read or used
   */
  public static Node start(BrokerHandle broker, FederationConfig config)
      throws FederationException {
    Node n = new Node(broker, config);
    n.control.start();
    n.link.start();
    return n;
  }

  private void connected(Connection c, boolean first) {
    if (first) {
      Dispatcher data = c.createDispatcher(inbound);
      data.subscribe(subjects.messages(config.node()));
      data.subscribe(subjects.broadcast());
      Dispatcher ctl = c.createDispatcher();
      ctl.subscribe(subjects.directory(), control::onAnnouncement);
      ctl.subscribe(subjects.snapshot(config.node()), control::onPageRequest);
      control.useDataDispatcher(data);
      out.start(c);
    }
    control.connected(first);
  }

  /** @return the counters and the link's state */
  public RemoteStatistics statistics() {
    return routes.statistics();
  }

  /** Stops the node's threads and closes its NATS connection. */
  @Override
  public void close() {
    control.close();
    out.close();
    link.close();
  }
}
