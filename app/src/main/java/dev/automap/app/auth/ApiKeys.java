package dev.automap.app.auth;

import dev.automap.workers.store.ApiKey;
import dev.automap.workers.store.ApiKeyRepository;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API keys: only their SHA-256 is stored; a key names its account. A key found is remembered for
 * {@code automap.api-keys.cache-seconds} (default 5, 0: never) by its hash, so a busy caller costs
 * one store read every few seconds, not one a request; a key deleted from {@code api_keys} stops
 * working within that time. Unknown keys are never remembered.
 */
@Singleton
public class ApiKeys {
  private record Known(String accountId, long until) {}

  /** At most this many keys are remembered; beyond, the memory starts again. */
  static final int MAX_REMEMBERED = 10_000;

  private final java.util.Map<String, Known> known = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile long rememberNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  @jakarta.inject.Inject
  void cacheSeconds(
      @io.micronaut.context.annotation.Value("${automap.api-keys.cache-seconds:5}") int seconds) {
    rememberNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
  }

  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private final SecureRandom random = new SecureRandom();
  private final ApiKeyRepository keys;

  public ApiKeys(ApiKeyRepository keys) {
    this.keys = keys;
  }

  /** The account this key belongs to. */
  public Optional<String> accountOf(String key) {
    String hash = hash(key);
    long now = System.nanoTime();
    Known remembered = known.get(hash);
    if (remembered != null && now - remembered.until() < 0) {
      return Optional.of(remembered.accountId());
    }
    Optional<String> account = keys.findById(hash).map(ApiKey::accountId);
    if (account.isPresent() && rememberNanos > 0) {
      if (known.size() >= MAX_REMEMBERED) {
        known.clear();
      }
      known.put(hash, new Known(account.get(), now + rememberNanos));
    } else {
      known.remove(hash);
    }
    return account;
  }

  /** Stores the key for the account unless it is stored already. */
  public void register(String accountId, String key, String label) {
    String hash = hash(key);
    if (!keys.existsById(hash)) {
      keys.save(new ApiKey(hash, accountId, label, null));
    }
  }

  public String newKey() {
    StringBuilder sb = new StringBuilder("am_");
    for (int i = 0; i < 32; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
