package dev.automap.definitions.validation;

import java.util.regex.Pattern;

/**
 * The data paths a map may name: {@code contact.*}, {@code event.*}, {@code vars.*}, {@code
 * account.values.*} and {@code now}.
 */
public final class FieldPaths {
  private static final String NAME = "[A-Za-z_][A-Za-z0-9_-]{0,127}";
  private static final Pattern CONTACT =
      Pattern.compile(
          "contact\\.(id|email|phone|firstName|lastName|timezone|tags|ownerId|score|dnd|createdAt|updatedAt"
              + "|fields\\."
              + NAME
              + ")");
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

  /** A path into the contact, the only data a date trigger or a contact update can name. */
  public static boolean isContact(String path) {
    return path != null && path.length() <= 512 && CONTACT.matcher(path).matches();
  }

  /** A name a step may store under {@code vars.}. */
  public static boolean isVarName(String name) {
    return name != null && VAR_NAME.matcher(name).matches();
  }
}
