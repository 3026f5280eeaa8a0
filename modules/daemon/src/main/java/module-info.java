/**
 * {@code loombusd}, the stand-alone broker and drop-in for busrtd: the application around the
 * libraries. {@link org.loombus.daemon.Daemon} parses busrtd-compatible flags, sets up logging
 * (tinylog, and the {@code System.LoggerFinder} that routes the libraries' logging to it), the
 * carrier threads of its virtual threads, the stop signals, the rules file and its reload, the
 * FIFO command channel, JMX and the metrics endpoint; with {@code --aldrin} also an Aldrin bus
 * ({@code org.loombus.aldrin.broker}) on the same kind of listeners, shown in JMX and on the
 * metrics endpoint as well. {@link
 * org.loombus.daemon.AldrinTestHost} is the host the Aldrin conformance tester runs. Exports
 * nothing: it is run, not used.
 */
module org.loombus.daemon {
  // The listeners it opens.
  requires org.loombus.server;
  // The Aldrin bus behind --aldrin listeners, and bin/loombus-aldrin-test-host.
  requires org.loombus.aldrin.broker;
  // The .broker service it installs.
  requires org.loombus.broker.service;
  // Federation over NATS (--federate).
  requires org.loombus.federation;
  // JMX and the Prometheus endpoint.
  requires org.loombus.management;
  // The FIFO command channel sends RPC notifications and calls with k=v params.
  requires org.loombus.rpc;
  // sun.misc.Signal: SIGTERM/SIGINT end the daemon with status 0 after cleanup, SIGHUP reloads.
  requires jdk.unsupported;
  // The daemon's own log; library modules reach it through System.Logger.
  requires org.tinylog.api;

  provides java.lang.System.LoggerFinder with
      org.loombus.daemon.TinylogLoggerFinder;
}
