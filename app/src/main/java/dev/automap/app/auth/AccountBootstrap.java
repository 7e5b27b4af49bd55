package dev.automap.app.auth;

import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On first start, creates account {@code default} with the key in {@code
 * AUTOMAP_BOOTSTRAP_API_KEY}, or a random one printed once.
 */
@Context
public class AccountBootstrap {
  public static final String DEFAULT_ACCOUNT = "default";
  private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);

  private final AccountRepository accounts;
  private final ApiKeys keys;
  private final String bootstrapKey;

  public AccountBootstrap(
      AccountRepository accounts,
      ApiKeys keys,
      @Nullable @Value("${automap.bootstrap-api-key:}") String bootstrapKey) {
    this.accounts = accounts;
    this.keys = keys;
    this.bootstrapKey = bootstrapKey;
  }

  @PostConstruct
  void bootstrap() {
    boolean fresh = !accounts.existsById(DEFAULT_ACCOUNT);
    if (fresh) {
      accounts.save(new Account(DEFAULT_ACCOUNT, "Default account", null));
    }
    if (bootstrapKey != null && !bootstrapKey.isBlank()) {
      keys.register(DEFAULT_ACCOUNT, bootstrapKey, "bootstrap");
    } else if (fresh) {
      String key = keys.newKey();
      keys.register(DEFAULT_ACCOUNT, key, "bootstrap");
      LOG.warn(
          "Created account '{}' with API key {} (shown once; set AUTOMAP_BOOTSTRAP_API_KEY to choose it)",
          DEFAULT_ACCOUNT,
          key);
    }
  }
}
