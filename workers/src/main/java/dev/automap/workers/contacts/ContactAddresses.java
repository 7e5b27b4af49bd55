package dev.automap.workers.contacts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How emails and phones are kept and compared: an email keeps its case but is trimmed and compared
 * lower-cased; a phone keeps only its digits and a leading {@code +}, so {@code +1 (555) 010-0000}
 * and {@code +15550100000} are the same number.
 */
public final class ContactAddresses {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private ContactAddresses() {}

  /** Trimmed; null for null or blank. */
  public static String email(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return raw.trim();
  }

  /** The lookup form of an email. */
  public static String emailKey(String raw) {
    String email = email(raw);
    return email == null ? null : email.toLowerCase(Locale.ROOT);
  }

  public static boolean isEmail(String email) {
    return email != null && EMAIL.matcher(email).matches();
  }

  /** Digits and a leading {@code +}; null for null or blank. */
  public static String phone(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String trimmed = raw.trim();
    StringBuilder sb = new StringBuilder(trimmed.length());
    if (trimmed.startsWith("+")) {
      sb.append('+');
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char ch = trimmed.charAt(i);
      if (ch >= '0' && ch <= '9') {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** 4 to 15 digits (E.164 allows at most 15), and nothing but separators besides. */
  public static boolean isPhone(String raw) {
    if (raw == null || !raw.trim().matches("\\+?[0-9 ().\\-/]+")) {
      return false;
    }
    int digits = phone(raw).replace("+", "").length();
    return digits >= 4 && digits <= 15;
  }
}
