package org.loombus.management;

import java.net.InetSocketAddress;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.BrokerStatistics;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.ConnectionHandle;
import org.loombus.broker.PeerCredentials;
import org.loombus.broker.RemoteClient;
import org.loombus.broker.RemoteStatistics;
import org.loombus.broker.Transport;
import org.loombus.rpc.Json;

/**
 * The dashboard's JSON documents, read from the broker's handle at the moment of the request as
 * {@code client.list}, {@code stats} and the metrics read them. Keys follow {@code .broker}'s
 * ({@code r_frames}, …); rates are left to the page, which has the previous sample.
 */
final class DashboardJson {
  private DashboardJson() {}

  /** {@code /api/clients}: every registered primary client, and those of other nodes. */
  static String clients(BrokerHandle broker) {
    List<Object> local = new ArrayList<>();
    for (ClientInfo c : broker.clients()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("kind", c.kind().wireName());
      m.put("source", c.source());
      m.put("port", c.port());
      // the Unix peer's identity (SO_PEERCRED), for socket clients on a Unix listener
      PeerCredentials who = broker.connection(c.name()).map(ConnectionHandle::transport)
          .flatMap(Transport::credentials).orElse(null);
      m.put("user", who == null ? null : who.user());
      m.put("group", who == null ? null : who.group());
      m.put("queue", c.queue());
      m.put("instances", c.instances());
      m.put("r_frames", c.rFrames());
      m.put("r_bytes", c.rBytes());
      m.put("w_frames", c.wFrames());
      m.put("w_bytes", c.wBytes());
      m.put("connected_since", c.connectedSince().truncatedTo(ChronoUnit.MILLIS).toString());
      local.add(m);
    }
    List<Object> remote = new ArrayList<>();
    for (RemoteClient c : broker.remoteClients()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("kind", c.kind().wireName());
      m.put("node", c.node());
      m.put("instances", c.instances());
      remote.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("queue_size", broker.config().queueSize());
    doc.put("clients", local);
    doc.put("remote_clients", remote);
    return Json.compact(doc);
  }

  /** {@code /api/stats}: the broker's counters, the tails', and the federation's if any. */
  static String stats(BrokerHandle broker, Tails tails) {
    BrokerStatistics s = broker.statistics();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("uptime_ms", s.uptime().toMillis());
    doc.put("clients", s.clients());
    doc.put("r_frames", s.rFrames());
    doc.put("r_bytes", s.rBytes());
    doc.put("w_frames", s.wFrames());
    doc.put("w_bytes", s.wBytes());
    doc.put("dropped_frames", s.droppedFrames());
    doc.put("forced_disconnects", s.forcedDisconnects());
    doc.put("rejected_handshakes", s.rejectedHandshakes());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("active", tails.active());
    t.put("limit", Tails.MAX_TAILS);
    t.put("dropped", tails.dropped());
    doc.put("tails", t);
    broker.remoteStatistics().ifPresent(f -> doc.put("federation", federation(f)));
    return Json.compact(doc);
  }

  private static Map<String, Object> federation(RemoteStatistics f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", f.node());
    m.put("server", f.server());
    m.put("connected", f.connected());
    m.put("nodes", f.nodes());
    m.put("remote_clients", f.remoteClients());
    m.put("frames_out", f.framesOut());
    m.put("frames_in", f.framesIn());
    m.put("errors", f.errors());
    return m;
  }

  /**
   * {@code /api/rules}: whether rules are enforced, every client's rules ({@code null} for a
   * field means anything is allowed), and what this viewer may see: the clients and counters, and
   * the topics it may tail ({@code subscribe}, {@code null} for any). Only for an admitted viewer.
   */
  static String rules(AaaMap rules, DashboardAccess access, InetSocketAddress viewer) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("enforced", rules != null);
    doc.put("dashboard_client", DashboardAccess.CLIENT);
    DashboardAccess.Decision you = access.admit(viewer);
    DashboardAccess.Decision read = access.readBroker(viewer);
    Map<String, Object> viewerDoc = new LinkedHashMap<>();
    viewerDoc.put("clients_and_stats", read.allowed());
    viewerDoc.put("refusal", read.refusal());
    viewerDoc.put("subscribe", you.rules() == null ? null : you.rules().subscribe());
    doc.put("viewer", viewerDoc);
    List<Object> clients = new ArrayList<>();
    if (rules != null) {
      rules.rules().forEach((name, r) -> clients.add(rule(name, r)));
    }
    doc.put("clients", clients);
    return Json.compact(doc);
  }

  private static Map<String, Object> rule(String name, ClientAaa r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("hosts", r.hostsAllow().stream().map(Object::toString).toList());
    m.put("p2p", r.p2p());
    m.put("publish", r.publish());
    m.put("subscribe", r.subscribe());
    m.put("broadcast", r.broadcast());
    m.put("users", r.users().stream().sorted().toList());
    m.put("groups", r.groups().stream().sorted().toList());
    return m;
  }
}
