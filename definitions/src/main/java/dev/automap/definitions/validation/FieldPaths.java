package dev.automap.definitions.validation;

import dev.automap.definitions.paths.ContactPath;
import java.util.regex.Pattern;

/**
 * The data paths a map may name: {@code contact.*}, {@code event.*}, {@code vars.*}, {@code
 * account.values.*} and {@code now}.
 */
public final class FieldPaths {
  private static final String NAME = "[A-Za-z_][A-Za-z0-9_-]{0,127}";
  private static final Pattern EVENT =
      Pattern.compile("event\\.(id|type|occurredAt|data(\\." + NAME + "){1,8})");
  private static final Pattern VARS = Pattern.compile("vars\\." + NAME + "(\\." + NAME + "){0,7}");
  private static final Pattern ACCOUNT = Pattern.compile("account\\.values\\." + NAME);
  private static final Pattern VAR_NAME = Pattern.compile(NAME);

  /** What to tell a user whose path is not one of these. */
  public static final String EXPECTED =
      "use contact.<field>, contact.fields.<name>, event.type, event.data.<name>, vars.<name>,"
          + " account.values.<name> or now";

  private FieldPaths() {}

  public static boolean isValid(String path) {
    return path != null
        && path.length() <= 512
        && (path.equals("now")
            || isContact(path)
            || EVENT.matcher(path).matches()
            || VARS.matcher(path).matches()
            || ACCOUNT.matcher(path).matches());
  }

  /**
   * A path into the contact as conditions, templates and date triggers name it: {@code
   * contact.<value>} or {@code contact.fields.<name>} (read by {@link ContactPath}).
   */
  public static boolean isContact(String path) {
    if (path == null || path.length() > 512) {
      return false;
    }
    ContactPath p = ContactPath.parse(path);
    return p != null
        && p.prefixed()
        && (p.kind() == ContactPath.Kind.VALUE
            || p.kind() == ContactPath.Kind.FIELD && VAR_NAME.matcher(p.name()).matches());
  }

  /**
   * A path into the contact with or without the {@code contact.} prefix ({@code fields.plan} or
   * {@code contact.fields.plan}): what {@code update_contact} and {@code increment_field} take.
   */
  public static boolean isContactEitherWay(String path) {
    ContactPath p = ContactPath.parse(path);
    return p != null && isContact(p.prefixed() ? path : p.qualified());
  }

  /** A name a step may store under {@code vars.}. */
  public static boolean isVarName(String name) {
    return name != null && VAR_NAME.matcher(name).matches();
  }
}
