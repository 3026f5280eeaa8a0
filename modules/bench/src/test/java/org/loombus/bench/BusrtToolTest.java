package org.loombus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusrtToolTest {
  @Test
  @DisplayName("reference tool's output: a rate for each completed stage, none for one that failed")
  void ratesOfCompletedStages() {
    // The shape of `busrt benchmark` output when its send+recv.qos.no stage panics.
    String output = """
        Starting benchmark, 8 worker(s), 1_000_000 iters, 125_000 iters/worker, 100 byte(s) payload
        warming up
        CPU has been warmed up
        !!! stage started: rpc.call
        *** stage completed: rpc.call (1_000_000 iters, 10.000 secs)
        !!! stage started: rpc.call+handle
        *** stage completed: rpc.call+handle (1_000_000 iters, 12.5 secs)
        !!! stage started: send+recv.qos.no
        thread 'tokio-rt-worker' panicked at src/cli.rs:458:13:
        """;
    Map<String, Double> rates = BusrtTool.rates(output);
    assertEquals(List.of("rpc.call", "rpc.call+handle"), List.copyOf(rates.keySet()));
    assertEquals(100_000, rates.get("rpc.call"), 1e-6);
    assertEquals(80_000, rates.get("rpc.call+handle"), 1e-6);
  }
}
