package org.loombus.bench;

/** One kind of load between client pairs; each call is one complete, timed run. */
interface Measurement {
  /** @return the row label in the report */
  String label();

  /**
   * @param perPair frames (or round trips) each pair moves
   * @return frames (or round trips) per second, all pairs together
   * @throws Exception if the run fails or exceeds its time limit
   */
  double run(long perPair) throws Exception;
}
