package dev.automap.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 10,000 contacts of a list enrolled through one bulk job on the embedded stack, at 5,000 starts/s
 * allowed (pages of 500). Slow suite: on a shared 2-core machine it takes minutes, the starts
 * themselves being the cost.
 */
@Tag("slow")
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkEnrollmentBenchmarkTest extends BulkTestSupport {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("automap.bulk.max-page", "500");
    return properties;
  }

  @Test
  void tenThousandContactsOfAListEnrollThroughOneJob() throws Exception {
    enrollsAList(10_000, Duration.ofMinutes(15));
  }
}
