package org.loombus.federation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubjectsTest {
  private final Subjects s = new Subjects("bus1.x");

  @Test
  void fixedSubjectsSitUnderThePrefix() {
    assertEquals("bus1.x.d", s.directory());
    assertEquals("bus1.x.b", s.broadcast());
    assertEquals("bus1.x.m.hostA", s.messages("hostA"));
    assertEquals("bus1.x.s.hostA", s.snapshot("hostA"));
  }

  @Test
  void topicSegmentsBecomeTokensWithEveryOtherByteEscaped() {
    assertEquals("bus1.x.t.a.b.c", s.topic("a/b/c"));
    assertEquals("bus1.x.t.sensor_1.temp-C", s.topic("sensor_1/temp-C"));
    assertEquals("bus1.x.t.%2Ebroker.info", s.topic(".broker/info"));
    assertEquals("bus1.x.t.a%2Eb.%2A.%3E.%25", s.topic("a.b/*/>/%"));
    assertEquals("bus1.x.t.%20%09", s.topic(" \t"));
    assertEquals("bus1.x.t.caf%C3%A9.%F0%9F%98%80", s.topic("café/😀"));
  }

  @Test
  void emptySegmentsBecomeALonePercentThatNoEscapedSegmentCanBe() {
    assertEquals("bus1.x.t.%", s.topic(""));
    assertEquals("bus1.x.t.a.%.b", s.topic("a//b"));
    assertEquals("bus1.x.t.%.a.%", s.topic("/a/"));
  }

  @Test
  void literalWildcardsInATopicAreEscapedSoOnlyMaskWildcardsMatchThem() {
    assertEquals("bus1.x.t.a.%2B.%23", s.topic("a/+/#"));
    // the text "%2B" itself is escaped again, so it never meets a literal "+"
    assertEquals("bus1.x.t.a.%252B.%2523", s.mask("a/%2B/%23"));
  }

  @Test
  void maskWildcardsBecomeNatsWildcardsAndWhatFollowsAHashIsDropped() {
    assertEquals("bus1.x.t.a.*.c", s.mask("a/+/c"));
    assertEquals("bus1.x.t.>", s.mask("#"));
    assertEquals("bus1.x.t.a.>", s.mask("a/#"));
    assertEquals("bus1.x.t.a.>", s.mask("a/#/ignored/too"));
    assertEquals("bus1.x.t.*.>", s.mask("+/#"));
    assertEquals("bus1.x.t.a%2B.%23a", s.mask("a+/#a")); // partial-segment wildcards are literal
    assertEquals("bus1.x.t.a.%.c", s.mask("a//c"));
  }

  @Test
  void aSubjectBeyondTheLimitIsRefused() {
    assertNull(s.topic("é".repeat(Subjects.MAX_SUBJECT)));
    assertNull(s.mask("x/".repeat(Subjects.MAX_SUBJECT)));
  }

  @Test
  void plainTokens() {
    assertTrue(Subjects.isPlainToken("host-A_1"));
    assertFalse(Subjects.isPlainToken(""));
    assertFalse(Subjects.isPlainToken("a.b"));
    assertFalse(Subjects.isPlainToken("a*"));
    assertFalse(Subjects.isPlainToken("x".repeat(65)));
  }
}
