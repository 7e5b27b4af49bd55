package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Workflow code stays readable: no class of the interpreter ({@code run}) nor any other workflow
 * implementation is over 300 lines, and no method of theirs over 60. Read from the sources, laid
 * out by google-java-format, which puts a method's closing brace at its signature's indentation (as
 * {@code scripts/method-lengths.py} reads them).
 */
class WorkflowSizeTest {
  static final int MAX_CLASS_LINES = 300;
  static final int MAX_METHOD_LINES = 60;

  private static final Path MAIN = Path.of("src/main/java/dev/automap/workers");

  /** A signature's first line: modifiers, a type and a name, then "(". */
  private static final Pattern SIGNATURE =
      Pattern.compile(
          "^ {2,6}(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)*"
              + "(?:<[^>]+>\\s+)?[\\w.<>\\[\\],? ]+\\s+\\w+\\(.*");

  /** A constructor's first line: its class's name, then "(". */
  private static final Pattern CONSTRUCTOR =
      Pattern.compile("^ {2,6}(?:(?:public|protected|private)\\s+)?[A-Z]\\w*\\(.*");

  private static final Pattern NOT_A_SIGNATURE =
      Pattern.compile(
          "^\\s*(?:return|throw|new|else|case|yield)\\b.*|.*(?:=|->).*\\(.*"
              + "|.*\\b(?:class|interface|enum|record)\\s+\\w+.*");

  record Method(Path file, String name, int line, int length) {}

  static List<Path> workflowSources() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> all = Files.walk(MAIN)) {
      all.filter(p -> p.toString().endsWith(".java"))
          .filter(
              p ->
                  p.getParent().endsWith("run")
                      || p.getFileName().toString().matches(".*(RunImpl|ArmingImpl)\\.java"))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  static List<Method> methods(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Method> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!(SIGNATURE.matcher(line).matches() || CONSTRUCTOR.matcher(line).matches())
          || NOT_A_SIGNATURE.matcher(line).matches()) {
        continue;
      }
      int j = i;
      while (j < lines.size() && !lines.get(j).stripTrailing().matches(".*(?:\\{|;|\\{})$")) {
        j++;
      }
      if (j == lines.size() || lines.get(j).stripTrailing().endsWith(";")) {
        continue;
      }
      String indent = line.substring(0, line.length() - line.stripLeading().length());
      int end = j;
      if (!lines.get(j).stripTrailing().endsWith("{}")) {
        end = j + 1;
        while (end < lines.size() && !lines.get(end).stripTrailing().equals(indent + "}")) {
          end++;
        }
      }
      String head = line.substring(0, line.indexOf('(')).strip();
      out.add(new Method(file, head.substring(head.lastIndexOf(' ') + 1), i + 1, end - i + 1));
      i = end;
    }
    return out;
  }

  @Test
  void noWorkflowClassIsOver300Lines() throws IOException {
    List<Path> sources = workflowSources();
    assertThat(sources).as("the interpreter's sources").hasSizeGreaterThan(20);
    for (Path file : sources) {
      assertThat(Files.readAllLines(file))
          .as(file.toString())
          .hasSizeLessThanOrEqualTo(MAX_CLASS_LINES);
    }
  }

  @Test
  void noWorkflowMethodIsOver60Lines() throws IOException {
    List<Method> all = new ArrayList<>();
    for (Path file : workflowSources()) {
      all.addAll(methods(file));
    }
    assertThat(all).as("methods found").hasSizeGreaterThan(200);
    assertThat(all)
        .filteredOn(m -> m.length() > MAX_METHOD_LINES)
        .as("methods over " + MAX_METHOD_LINES + " lines")
        .isEmpty();
  }

  @Test
  void theMethodReaderCountsFromSignatureToClosingBrace() {
    List<Method> found = methods(MAIN.resolve("run/AutomationRunImpl.java"));
    Method exit = found.stream().filter(m -> m.name().equals("exit")).findFirst().orElseThrow();
    assertThat(exit.length()).as("exit: @Override excluded, signature to brace").isEqualTo(5);
    assertThat(found).extracting(Method::name).contains("run", "coordinate", "status");
  }
}
