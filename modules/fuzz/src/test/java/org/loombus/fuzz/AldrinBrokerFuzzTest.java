package org.loombus.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.MessageKind;

/**
 * The stateful fuzz target of the Aldrin broker: the input is a program of connects,
 * disconnects, {@code Shutdown}s and messages of several clients against one broker, whose ids
 * and serials come partly from the broker's earlier answers ({@link AldrinSessions} says what is
 * checked). In the default run Jazzer replays the inputs under {@code
 * AldrinBrokerFuzzTestInputs/aldrinSessions/}, and {@link #seededPrograms} runs a fixed set of
 * programs drawn from a seeded random source; with the {@code soak} profile Jazzer fuzzes for a
 * set time (docs/robustness.md).
 */
class AldrinBrokerFuzzTest {
  /** Most steps of one program, however long the input. */
  private static final int MAX_STEPS = 64;
  private static final int SEEDED_PROGRAMS = 500;
  private static AldrinSessions sessions;

  @BeforeAll
  static void startBroker() {
    sessions = AldrinSessions.start();
  }

  @AfterAll
  static void stopBroker() {
    sessions.close();
  }

  /** One program, its decisions read from the input. */
  @FuzzTest
  void aldrinSessions(FuzzedDataProvider data) {
    sessions.run(Choices.of(data, MAX_STEPS));
  }

  @Test
  @DisplayName("seeded random programs of several Aldrin clients leave the broker sound and empty")
  void seededPrograms() {
    SplittableRandom seeds = new SplittableRandom(20261204);
    for (int i = 0; i < SEEDED_PROGRAMS; i++) {
      long seed = seeds.nextLong();
      SplittableRandom random = new SplittableRandom(seed);
      try {
        sessions.run(Choices.of(random, 1 + random.nextInt(MAX_STEPS)));
      } catch (AssertionError e) {
        throw new AssertionError("program " + i + " (seed " + seed + "): " + e.getMessage(), e);
      }
    }
    // The pools must work: the broker forwarded calls, events, items and queries between
    // clients, answered calls the owners answered, reported the bus, and dropped some clients.
    Map<MessageKind, Integer> received = sessions.received();
    System.out.printf("Aldrin sessions: %d programs; %d connections closed by the broker;"
        + " received %s%n", SEEDED_PROGRAMS, sessions.closedByBroker(), received);
    for (MessageKind k : List.of(MessageKind.CALL_FUNCTION2, MessageKind.CALL_FUNCTION_REPLY,
        MessageKind.ABORT_FUNCTION_CALL, MessageKind.EMIT_EVENT, MessageKind.SUBSCRIBE_EVENT,
        MessageKind.SERVICE_DESTROYED, MessageKind.CHANNEL_END_CLAIMED, MessageKind.ITEM_RECEIVED,
        MessageKind.CHANNEL_END_CLOSED, MessageKind.EMIT_BUS_EVENT,
        MessageKind.BUS_LISTENER_CURRENT_FINISHED, MessageKind.QUERY_INTROSPECTION,
        MessageKind.QUERY_INTROSPECTION_REPLY, MessageKind.SUBSCRIBE_ALL_EVENTS)) {
      assertTrue(received.getOrDefault(k, 0) > 0, "no client received " + k);
    }
    assertTrue(sessions.closedByBroker() > 0, "the broker closed no connection");
  }
}
