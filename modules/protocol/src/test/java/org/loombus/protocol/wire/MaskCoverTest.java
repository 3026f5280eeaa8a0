package org.loombus.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether an access rule's mask covers a client's mask (docs/access-control.md). */
@DisplayName("Mask cover")
class MaskCoverTest {
  @ParameterizedTest(name = "rule {0} covers {1}: {2}")
  @DisplayName("topic rules cover only masks that select nothing more than they do")
  @CsvSource(delimiter = '|', value = {
    "news/#    | news/+      | true",
    "news/#    | news/#/x    | true",
    "news/#    | news/#      | true",
    "news/#    | news        | false",
    "news/+    | news/#      | false",
    "+/public  | #/public    | false",
    "+/public  | a/public    | true",
    "+/public  | +/public    | true",
    "+/public  | +/+         | false",
    "#         | #           | true",
    "#         | ''          | true",
    "a/b       | a/b         | true",
    "a/b       | a/+         | false",
    "a/b       | a/b/c       | false",
    "a/+/c     | a/x/c       | true",
    "a/+/c     | a/+/c       | true",
    "a/+/c     | a/#         | false",
    "''        | ''          | true",
    "a/        | a/          | true",
    "a/        | a/+         | false",
    "a/+       | a/          | true",
  })
  void topics(String rule, String mask, boolean covered) {
    assertEquals(covered, Masks.coversTopic(rule, mask));
  }

  @ParameterizedTest(name = "rule {0} covers {1}: {2}")
  @DisplayName("name rules likewise: ?.hub does not cover *.hub, * covers everything")
  @CsvSource(delimiter = '|', value = {
    "?.hub  | *.hub   | false",
    "?.hub  | a.hub   | true",
    "grp.*  | grp.*   | true",
    "grp.?  | grp.*   | false",
    "*      | *       | true",
    "?      | *       | false",
    "*      | a.b.?   | true",
  })
  void names(String rule, String mask, boolean covered) {
    assertEquals(covered, Masks.coversName(rule, mask));
  }

  @Test
  @DisplayName("a covered mask selects no topic the rule does not: checked over every topic of"
      + " three segments from a small alphabet")
  void coverIsSound() {
    List<String> parts = List.of("a", "b", "", "+", "#");
    List<String> masks = new ArrayList<>();
    for (String x : parts) {
      masks.add(x);
      for (String y : parts) {
        masks.add(x + "/" + y);
        for (String z : parts) {
          masks.add(x + "/" + y + "/" + z);
        }
      }
    }
    List<String> topics = new ArrayList<>();
    for (String x : List.of("a", "b", "")) {
      topics.add(x);
      for (String y : List.of("a", "b", "")) {
        topics.add(x + "/" + y);
        for (String z : List.of("a", "b", "")) {
          topics.add(x + "/" + y + "/" + z);
          topics.add(x + "/" + y + "/" + z + "/a");
        }
      }
    }
    int covered = 0;
    for (String rule : masks) {
      for (String mask : masks) {
        if (Masks.coversTopic(rule, mask)) {
          covered++;
          for (String t : topics) {
            assertTrue(!Masks.matchesTopic(mask, t) || Masks.matchesTopic(rule, t),
                rule + " covers " + mask + " but misses " + t);
          }
        }
      }
    }
    assertTrue(covered > masks.size(), "every mask covers itself at least");
  }
}
