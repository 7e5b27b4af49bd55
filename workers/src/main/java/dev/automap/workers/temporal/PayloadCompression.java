package dev.automap.workers.temporal;

import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.ZlibPayloadCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Compresses the payloads worth it before they reach Temporal: one of at least {@value #THRESHOLD}
 * bytes (a run's input, which carries its map) goes as {@code encoding: binary/zlib} when the SDK's
 * {@link ZlibPayloadCodec} makes it smaller; smaller ones (signals, query answers, activity
 * results, summaries) stay plain JSON, readable as they are. Decoding inflates only payloads tagged
 * {@code binary/zlib} and passes every other payload through untouched, so histories recorded
 * before, and the plain JSON the Temporal CLI sends, read as ever.
 */
public final class PayloadCompression implements PayloadCodec {
  /** The encoding of a compressed payload, as the SDK's zlib codec tags it. */
  public static final String ENCODING = "binary/zlib";

  /** The smallest payload compressed, in bytes (its serialized form, metadata included). */
  public static final int THRESHOLD = 1024;

  private final ZlibPayloadCodec zlib = new ZlibPayloadCodec();

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(
          payload.getSerializedSize() < THRESHOLD || compressed(payload)
              ? payload
              : zlib.encode(List.of(payload)).getFirst());
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return zlib.decode(payloads);
  }

  /** Whether the payload is one this codec compressed. */
  public static boolean compressed(Payload payload) {
    var encoding = payload.getMetadataMap().get("encoding");
    return encoding != null && encoding.toStringUtf8().equals(ENCODING);
  }
}
