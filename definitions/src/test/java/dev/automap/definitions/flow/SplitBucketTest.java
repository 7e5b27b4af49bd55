package dev.automap.definitions.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitBucketTest {

  /** Expected buckets from {@code printf '%s' 'k:s:c' | sha256sum}: first 8 hex digits mod 100. */
  @ParameterizedTest(name = "{0}:{1}:{2} -> {3}")
  @CsvSource({
    "k, s, c, 90", // 196562a6 = 426074790
    "lead-follow-up, split-1, c_1, 76", // e9bffc3c = 3921673276: high bit set, read unsigned
    "lead-follow-up, split-1, c_2, 80", // 20caa9e8 = 550152680
    "welcome, ab?, contact-42, 85", // e6e34031 = 3873652785
    "x, y, Zoë, 50", // 8853eb1a = 2287201050: UTF-8
  })
  void matchesSha256ComputedElsewhere(String key, String step, String contact, int bucket) {
    assertThat(SplitBucket.of(key, step, contact)).isEqualTo(bucket);
  }

  @Test
  void picksTheFirstPathWhoseRunningSumExceedsTheBucket() {
    List<Integer> fiftyFifty = List.of(50, 50);
    assertThat(SplitBucket.pick(fiftyFifty, 0)).isZero();
    assertThat(SplitBucket.pick(fiftyFifty, 49)).isZero();
    assertThat(SplitBucket.pick(fiftyFifty, 50)).isEqualTo(1);
    assertThat(SplitBucket.pick(fiftyFifty, 99)).isEqualTo(1);
    List<Integer> three = List.of(10, 0, 30, 60);
    assertThat(SplitBucket.pick(three, 9)).isZero();
    assertThat(SplitBucket.pick(three, 10)).isEqualTo(2);
    assertThat(SplitBucket.pick(three, 39)).isEqualTo(2);
    assertThat(SplitBucket.pick(three, 40)).isEqualTo(3);
    assertThat(SplitBucket.pick(List.of(100), 99)).isZero();
    assertThat(SplitBucket.pick(List.of(20, 30), 80)).isEqualTo(1);
    assertThat(SplitBucket.pick(List.of(50, 50), "k", "s", "c")).isEqualTo(1);
  }

  @Test
  void spreadsContactsByThePercents() {
    int[] counts = new int[3];
    for (int i = 0; i < 10_000; i++) {
      counts[SplitBucket.pick(List.of(20, 30, 50), "promo", "split", "c_" + i)]++;
    }
    assertThat(counts[0]).isBetween(1_800, 2_200);
    assertThat(counts[1]).isBetween(2_750, 3_250);
    assertThat(counts[2]).isBetween(4_750, 5_250);
  }

  @Test
  void refusesWhatNoSplitHas() {
    assertThatThrownBy(() -> SplitBucket.pick(List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SplitBucket.pick(List.of(-1, 101), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SplitBucket.pick(List.of(100), 100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
