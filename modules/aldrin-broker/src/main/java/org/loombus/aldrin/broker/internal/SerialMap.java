package org.loombus.aldrin.broker.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Broker-made serials: a wrapping u32 counter that skips serials still in use, so a forwarded
 * call or query never collides with one the receiver has pending.
 */
final class SerialMap<T> {
  private final Map<Integer, T> entries = new HashMap<>();
  private int next;

  int insert(T value) {
    while (true) {
      int serial = next++;
      if (!entries.containsKey(serial)) {
        entries.put(serial, value);
        return serial;
      }
    }
  }

  T get(int serial) {
    return entries.get(serial);
  }

  T remove(int serial) {
    return entries.remove(serial);
  }

  int size() {
    return entries.size();
  }
}
