package dev.automap.definitions.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The A/B bucket of a {@code split} step: the first 4 bytes, big-endian unsigned, of SHA-256 of
 * UTF-8 {@code "<automationKey>:<stepId>:<contactId>"}, mod 100. A contact always lands in the same
 * bucket of a step, on every replay and every worker.
 */
public final class SplitBucket {
  private SplitBucket() {}

  /** The contact's bucket at that step, 0 to 99. */
  public static int of(String automationKey, String stepId, String contactId) {
    byte[] digest =
        sha256()
            .digest(
                (automationKey + ":" + stepId + ":" + contactId).getBytes(StandardCharsets.UTF_8));
    long first4 =
        ((digest[0] & 0xffL) << 24)
            | ((digest[1] & 0xffL) << 16)
            | ((digest[2] & 0xffL) << 8)
            | (digest[3] & 0xffL);
    return (int) (first4 % 100);
  }

  /**
   * The index of the first path whose running sum of percents exceeds {@code bucket}. Percents that
   * fall short of 100 (which the validator rejects) leave the remaining buckets to the last path.
   *
   * @throws IllegalArgumentException when there are no paths, a percent is negative or the bucket
   *     is outside 0 to 99
   */
  public static int pick(List<Integer> percents, int bucket) {
    if (percents == null || percents.isEmpty()) {
      throw new IllegalArgumentException("a split needs at least one path");
    }
    if (bucket < 0 || bucket > 99) {
      throw new IllegalArgumentException("a bucket lies in 0..99, not " + bucket);
    }
    int sum = 0;
    for (int i = 0; i < percents.size(); i++) {
      Integer percent = percents.get(i);
      if (percent == null || percent < 0) {
        throw new IllegalArgumentException("path " + i + " has no percent of 0 or more");
      }
      sum += percent;
      if (sum > bucket) {
        return i;
      }
    }
    return percents.size() - 1;
  }

  /** The path index the contact takes at that step. */
  public static int pick(
      List<Integer> percents, String automationKey, String stepId, String contactId) {
    return pick(percents, of(automationKey, stepId, contactId));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
