package dev.automap.definitions.problems;

/** One thing wrong with a map: where (a JSON Pointer into the document) and what. */
public record Problem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
