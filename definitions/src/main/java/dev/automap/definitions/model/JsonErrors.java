package dev.automap.definitions.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JSON or YAML reader's refusal says to the person who sent the document: the reader's own
 * words where they are about the text, the limit in plain words where a limit was reached, and
 * never the names of the reader's classes, settings or methods.
 */
public final class JsonErrors {
  private static final Pattern LIMIT =
      Pattern.compile(
          "^(Document nesting depth|Number value length|String value length|Name length|"
              + "Document length|Token count)[^(]*\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

  /** A parenthesis naming one of the reader's settings or methods in back quotes. */
  private static final Pattern NAMED_ASIDE = Pattern.compile("\\s*\\([^()]*`[^`]*`[^()]*\\)");

  /** A name in back quotes: a class the reader would have made. */
  private static final Pattern NAMED = Pattern.compile("`[^`]*`");

  /** A parenthesis left open where the location was cut off. */
  private static final Pattern OPEN_ASIDE = Pattern.compile("\\s*\\([^)]*$");

  private JsonErrors() {}

  /** The refusal in a sentence fit for the sender, without where in the text it happened. */
  public static String plain(JsonProcessingException e) {
    String message = firstLine(e.getOriginalMessage());
    if (e instanceof StreamConstraintsException || LIMIT.matcher(message).find()) {
      return limit(message);
    }
    return scrub(message);
  }

  private static String limit(String message) {
    Matcher m = LIMIT.matcher(message);
    if (!m.find()) {
      return "the document is too large or too deep";
    }
    String max = m.group(3);
    return switch (m.group(1)) {
      case "Document nesting depth" -> "the document nests deeper than " + max + " levels";
      case "Number value length" -> "a number is longer than " + max + " digits";
      case "String value length" -> "a text is longer than " + max + " characters";
      case "Name length" -> "a property name is longer than " + max + " characters";
      case "Document length" -> "the document is longer than " + max + " characters";
      default -> "the document has more than " + max + " parts";
    };
  }

  /** A reader's message without the class, setting and method names it may carry. */
  public static String scrub(String message) {
    String line = firstLine(message);
    int source = line.indexOf("[Source:");
    if (source >= 0) {
      line = line.substring(0, source);
    }
    line = NAMED_ASIDE.matcher(line).replaceAll("");
    line = NAMED.matcher(line).replaceAll("the value");
    line = OPEN_ASIDE.matcher(line).replaceAll("").strip();
    if (line.isEmpty() || line.contains("`") || line.matches(".*\\b(java|javax|com|org)\\.\\w.*")) {
      return "not valid JSON";
    }
    return line;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() <= 300 ? line : line.substring(0, 297) + "...";
  }
}
