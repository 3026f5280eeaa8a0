package org.loombus.broker.service;

import java.util.ArrayList;
import java.util.List;
import org.loombus.broker.service.RegexParser.Anchor;
import org.loombus.broker.service.RegexParser.CharSet;
import org.loombus.broker.service.RegexParser.Choice;
import org.loombus.broker.service.RegexParser.Node;
import org.loombus.broker.service.RegexParser.Repeat;
import org.loombus.broker.service.RegexParser.Sequence;
import org.loombus.broker.service.RegexParser.SyntaxException;

/**
 * A filter compiled to the instructions of a Thompson automaton and searched for with a Pike
 * machine: every position of the name advances every live state at once, so a name of length n
 * costs at most n × the program's size, whatever the pattern, and nothing backtracks
 * ({@code ((a+)+)+b} is as cheap as {@code a+b}). Each state visited is charged to a
 * {@link Budget}, so one call's work over all names stays bounded too.
 */
final class RegexProgram {
  /** Most instructions of one program. */
  static final int MAX_SIZE = 20_000;

  private static final int CHAR = 0;
  private static final int SPLIT = 1;
  private static final int JUMP = 2;
  private static final int START = 3;
  private static final int END = 4;
  private static final int MATCH = 5;

  /** The work one call may do, over all the names it filters. */
  static final class Budget {
    private long left;

    Budget(long steps) {
      left = steps;
    }

    /** @return false once the steps are spent */
    boolean spend(int steps) {
      left -= steps;
      return left >= 0;
    }
  }

  private final int[] op;
  private final int[] x;
  private final int[] y;
  private final CharSet[] sets;

  private RegexProgram(int[] op, int[] x, int[] y, CharSet[] sets) {
    this.op = op;
    this.x = x;
    this.y = y;
    this.sets = sets;
  }

  /**
   * @param pattern the filter
   * @return the program
   * @throws SyntaxException if the filter is not accepted
   */
  static RegexProgram compile(String pattern) throws SyntaxException {
    Emitter e = new Emitter();
    e.emit(RegexParser.parse(pattern));
    e.add(MATCH, 0, 0, null);
    return e.program();
  }

  /**
   * @param name a client name
   * @param budget what the search may spend
   * @return whether the filter occurs anywhere in the name, or {@code null} if the budget ran
   *     out first
   */
  Boolean find(String name, Budget budget) {
    int n = op.length;
    StateSet now = new StateSet(n);
    StateSet next = new StateSet(n);
    int[] stack = new int[2 * n + 2]; // a state pushes at most two before it is in the set
    int pos = 0;
    add(now, 0, pos, name, stack);
    while (true) {
      if (!budget.spend(now.size)) {
        return null;
      }
      int c = pos < name.length() ? name.codePointAt(pos) : -1;
      int after = c < 0 ? pos : pos + Character.charCount(c);
      for (int i = 0; i < now.size; i++) {
        int pc = now.dense[i];
        if (op[pc] == MATCH) {
          return true;
        }
        if (c >= 0 && op[pc] == CHAR && sets[pc].contains(c)) {
          add(next, pc + 1, after, name, stack);
        }
      }
      if (c < 0) {
        return false;
      }
      pos = after;
      add(next, 0, pos, name, stack); // unanchored: a match may start at every position
      StateSet t = now;
      now = next;
      next = t;
      next.clear();
    }
  }

  /** Adds a state and everything reachable from it without consuming a character. */
  private void add(StateSet set, int from, int pos, String name, int[] stack) {
    int top = 0;
    stack[top++] = from;
    while (top > 0) {
      int pc = stack[--top];
      if (!set.add(pc)) {
        continue;
      }
      switch (op[pc]) {
        case JUMP -> stack[top++] = x[pc];
        case SPLIT -> {
          stack[top++] = y[pc];
          stack[top++] = x[pc];
        }
        case START -> {
          if (pos == 0) {
            stack[top++] = pc + 1;
          }
        }
        case END -> {
          if (pos == name.length()) {
            stack[top++] = pc + 1;
          }
        }
        default -> {
          // CHAR and MATCH wait for the next position
        }
      }
    }
  }

  /** States of one position: a sparse set, cleared in constant time. */
  private static final class StateSet {
    final int[] dense;
    final int[] sparse;
    int size;

    StateSet(int n) {
      dense = new int[n];
      sparse = new int[n];
    }

    boolean add(int pc) {
      int i = sparse[pc];
      if (i < size && dense[i] == pc) {
        return false;
      }
      sparse[pc] = size;
      dense[size++] = pc;
      return true;
    }

    void clear() {
      size = 0;
    }
  }

  /** Writes the instructions of a syntax tree, refusing programs above {@link #MAX_SIZE}. */
  private static final class Emitter {
    private final List<int[]> code = new ArrayList<>();
    private final List<CharSet> sets = new ArrayList<>();

    int add(int op, int x, int y, CharSet set) throws SyntaxException {
      if (code.size() >= MAX_SIZE) {
        throw new SyntaxException("it compiles to more than " + MAX_SIZE + " instructions");
      }
      code.add(new int[] {op, x, y});
      sets.add(set);
      return code.size() - 1;
    }

    void patch(int at, int x, int y) {
      code.get(at)[1] = x;
      code.get(at)[2] = y;
    }

    int here() {
      return code.size();
    }

    void emit(Node node) throws SyntaxException {
      switch (node) {
        case CharSet set -> add(CHAR, 0, 0, set);
        case Anchor a -> add(a.start() ? START : END, 0, 0, null);
        case Sequence s -> {
          for (Node part : s.parts()) {
            emit(part);
          }
        }
        case Choice c -> choice(c.alternatives());
        case Repeat r -> repeat(r);
      }
    }

    private void choice(List<Node> alternatives) throws SyntaxException {
      List<Integer> exits = new ArrayList<>();
      for (int i = 0; i < alternatives.size() - 1; i++) {
        int split = add(SPLIT, 0, 0, null);
        emit(alternatives.get(i));
        exits.add(add(JUMP, 0, 0, null));
        patch(split, split + 1, here());
      }
      emit(alternatives.get(alternatives.size() - 1));
      for (int j : exits) {
        patch(j, here(), 0);
      }
    }

    private void repeat(Repeat r) throws SyntaxException {
      for (int i = 0; i < r.min(); i++) {
        emit(r.body());
      }
      if (r.max() < 0) {
        int split = add(SPLIT, 0, 0, null);
        emit(r.body());
        add(JUMP, split, 0, null);
        patch(split, split + 1, here());
        return;
      }
      List<Integer> splits = new ArrayList<>();
      for (int i = r.min(); i < r.max(); i++) {
        splits.add(add(SPLIT, 0, 0, null));
        emit(r.body());
      }
      for (int s : splits) {
        patch(s, s + 1, here());
      }
    }

    RegexProgram program() {
      int n = code.size();
      int[] op = new int[n];
      int[] x = new int[n];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        op[i] = code.get(i)[0];
        x[i] = code.get(i)[1];
        y[i] = code.get(i)[2];
      }
      return new RegexProgram(op, x, y, sets.toArray(CharSet[]::new));
    }
  }
}
