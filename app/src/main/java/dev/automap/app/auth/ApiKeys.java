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

/** API keys: only their SHA-256 is stored; a key names its account. */
@Singleton
public class ApiKeys {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private final SecureRandom random = new SecureRandom();
  private final ApiKeyRepository keys;

  public ApiKeys(ApiKeyRepository keys) {
    this.keys = keys;
  }

  /** The account this key belongs to. */
  public Optional<String> accountOf(String key) {
    return keys.findById(hash(key)).map(ApiKey::accountId);
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
