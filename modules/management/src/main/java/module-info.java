/**
 * A broker made visible to operators: {@link org.loombus.management.BrokerJmx} registers its
 * MXBeans (broker counters, one bean per client, force-disconnect, rules reload) in the platform
 * MBean server, and {@link org.loombus.management.MetricsEndpoint} serves Prometheus text on
 * {@code /metrics} and, when asked, the read-only web dashboard (its page, script and style are
 * resources of this module; its live tails are in-process subscribers). Both only read a
 * {@code BrokerHandle}; an embedder can show its broker the same way the daemon does. An Aldrin
 * bus beside it shows its figures on {@code /metrics} too, and in JMX through {@link
 * org.loombus.management.AldrinJmx}.
 */
module org.loombus.management {
  // BrokerJmx and MetricsEndpoint take a BrokerHandle.
  requires transitive org.loombus.broker;
  // The MXBeans; transitive: BrokerJmx names them with javax.management.ObjectName.
  requires transitive java.management;
  // The JDK's HTTP server carries /metrics and the dashboard: no third-party dependency.
  requires jdk.httpserver;
  // MetricsEndpoint.Builder.aldrin and AldrinJmx take an AldrinBroker, whose counters they show.
  requires transitive org.loombus.aldrin.broker;
  // The dashboard shows payloads as the tool does (PayloadView) and writes its JSON with the
  // tool's writer (Json).
  requires org.loombus.rpc;

  // Public so that JMX can call the MXBean interfaces, and embedders can show their broker too.
  exports org.loombus.management;
}
