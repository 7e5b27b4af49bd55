package dev.automap.workers.store;

import java.security.SecureRandom;

/** Record ids: a prefix naming the kind ({@code c_}, {@code note_}…) and 20 random characters. */
public final class Ids {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String next(String prefix) {
    StringBuilder sb = new StringBuilder(prefix.length() + 21).append(prefix).append('_');
    for (int i = 0; i < 20; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
