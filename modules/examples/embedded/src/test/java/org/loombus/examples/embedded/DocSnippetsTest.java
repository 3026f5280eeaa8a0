package org.loombus.examples.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The code in the README and in docs/ is the examples' code: every block marked
 * {@code <!-- snippet: PATH#TAG -->} must equal the lines between {@code // tag::TAG[]} and
 * {@code // end::TAG[]} of that source file (without their common indentation), so a snippet
 * cannot drift from code that the tests compile and run.
 */
class DocSnippetsTest {
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");
  private static final Path ROOT = Path.of(System.getProperty("loombus.root", "../../.."));

  @Test
  @DisplayName("every snippet in README.md and docs/ is the tagged region of its example")
  void snippetsAreTheExamples() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    int checked = 0;
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = MARKER.matcher(lines.get(i));
        if (!m.find()) {
          continue;
        }
        String where = page.getFileName() + ":" + (i + 1);
        assertEquals("```java", lines.get(i + 1), where + ": no java block after the marker");
        int end = lines.subList(i + 2, lines.size()).indexOf("```");
        assertTrue(end >= 0, where + ": the block does not end");
        List<String> shown = lines.subList(i + 2, i + 2 + end);
        assertEquals(region(ROOT.resolve(m.group(1)), m.group(2)), shown,
            where + " differs from " + m.group(1) + "#" + m.group(2));
        checked++;
      }
    }
    assertTrue(checked >= 3, "only " + checked + " snippets found");
  }

  /** The lines between the tag's markers, without their common indentation. */
  private static List<String> region(Path source, String tag) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int from = lines.indexOf(marker(lines, "// tag::" + tag + "[]"));
    int to = lines.indexOf(marker(lines, "// end::" + tag + "[]"));
    assertFalse(from < 0 || to < from, source + " has no region " + tag);
    List<String> region = lines.subList(from + 1, to);
    int indent = region.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }

  private static String marker(List<String> lines, String text) {
    return lines.stream().filter(l -> l.strip().equals(text)).findFirst().orElse(null);
  }
}
