package dev.automap.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadCompressionTest {
  final PayloadCompression codec = new PayloadCompression();

  static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  static String steps(int n) {
    StringBuilder steps = new StringBuilder("{\"steps\":[");
    for (int i = 0; i < n; i++) {
      steps.append(i == 0 ? "" : ",");
      steps
          .append("{\"id\":\"step-")
          .append(i)
          .append("\",\"type\":\"add_tags\",\"tags\":[\"t\"]}");
    }
    return steps.append("]}").toString();
  }

  @Test
  void aLargePayloadTravelsCompressedAndComesBackAsItWas() {
    Payload large = json(steps(100));
    Payload encoded = codec.encode(List.of(large)).getFirst();

    assertThat(PayloadCompression.compressed(encoded)).isTrue();
    assertThat(encoded.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/zlib");
    assertThat(encoded.getSerializedSize()).isLessThan(large.getSerializedSize() / 5);
    assertThat(codec.decode(List.of(encoded))).containsExactly(large);
  }

  @Test
  void aSmallPayloadStaysPlain() {
    Payload small = json("{\"reason\":\"address being checked\",\"actor\":\"ops-ana\"}");
    Payload justUnder = json("x".repeat(PayloadCompression.THRESHOLD - 30));
    assertThat(justUnder.getSerializedSize()).isLessThan(PayloadCompression.THRESHOLD);

    assertThat(codec.encode(List.of(small, justUnder))).containsExactly(small, justUnder);
  }

  @Test
  void aLargePayloadCompressionDoesNotShrinkStaysPlain() {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Payload random =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/plain"))
            .setData(ByteString.copyFrom(noise))
            .build();

    assertThat(codec.encode(List.of(random))).containsExactly(random);
  }

  @Test
  void plainPayloadsDecodeUntouched() {
    // as the Temporal CLI sends a signal's input, and as every history recorded before holds them
    Payload signal = json("{\"reason\":\"maintenance\"}");
    Payload nothing =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/null"))
            .build();
    Payload untagged = Payload.newBuilder().setData(ByteString.copyFromUtf8(steps(50))).build();

    assertThat(codec.decode(List.of(signal, nothing, untagged)))
        .containsExactly(signal, nothing, untagged);
  }

  @Test
  void theConverterWritesCompressedAndReadsBothForms() {
    var converter = TemporalFactory.dataConverter();
    Map<String, Object> map = Map.of("key", "welcome", "steps", steps(100));

    Payloads written = converter.toPayloads(map).orElseThrow();
    assertThat(PayloadCompression.compressed(written.getPayloads(0))).isTrue();
    assertThat(converter.fromPayloads(0, Optional.of(written), Map.class, Map.class))
        .isEqualTo(map);

    Payloads plain =
        Payloads.newBuilder().addPayloads(json("{\"reason\":\"maintenance\"}")).build();
    assertThat(converter.fromPayloads(0, Optional.of(plain), Map.class, Map.class))
        .isEqualTo(Map.of("reason", "maintenance"));
  }
}
