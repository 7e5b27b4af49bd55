package dev.automap.definitions.templates;

/** A template that cannot be read, or whose helpers fail on the values given to them. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
