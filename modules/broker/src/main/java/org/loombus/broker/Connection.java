package org.loombus.broker;

/** A registered socket client. {@link #run()} serves it on the calling thread until it leaves. */
public interface Connection {

  /** @return the handle to inspect or disconnect this client from other threads */
  ConnectionHandle handle();

  /**
   * Reads and routes the client's frames until the connection ends.
   *
   * @throws ConnectionException if the connection ended for any reason other than a clean close by
   *     the client at a frame boundary (protocol error, timeout, I/O error, forced disconnect)
   */
  void run() throws ConnectionException;
}
