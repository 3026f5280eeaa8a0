package org.loombus.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.SplittableRandom;

/**
 * Where a stateful program's decisions come from: the fuzzer's input, or a seeded random source
 * for the fixed run of the default suite. The same program interpreter runs on both.
 */
interface Choices {
  /** @return whether the program has another step */
  boolean more();

  /**
   * @param min smallest
   * @param max largest
   * @return a number from min to max, both included
   */
  int pick(int min, int max);

  /** @return any int */
  int anyInt();

  /**
   * @param max longest
   * @return up to max bytes
   */
  byte[] bytes(int max);

  /** @return a yes or no */
  default boolean flag() {
    return pick(0, 1) == 1;
  }

  /**
   * @param data the fuzzer's input
   * @param maxSteps most steps, however long the input
   * @return choices read from the input; once it is used up, every pick is its minimum
   */
  static Choices of(FuzzedDataProvider data, int maxSteps) {
    return new Choices() {
      private int steps;

      @Override
      public boolean more() {
        return data.remainingBytes() > 0 && steps++ < maxSteps;
      }

      @Override
      public int pick(int min, int max) {
        return data.consumeInt(min, max);
      }

      @Override
      public int anyInt() {
        return data.consumeInt();
      }

      @Override
      public byte[] bytes(int max) {
        return data.consumeBytes(max);
      }
    };
  }

  /**
   * @param random the seeded source
   * @param steps how many steps the program has
   * @return choices drawn from it
   */
  static Choices of(SplittableRandom random, int steps) {
    return new Choices() {
      private int done;

      @Override
      public boolean more() {
        return done++ < steps;
      }

      @Override
      public int pick(int min, int max) {
        return min + random.nextInt(max - min + 1);
      }

      @Override
      public int anyInt() {
        return random.nextInt();
      }

      @Override
      public byte[] bytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
      }
    };
  }
}
