package dev.automap.app.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.workers.temporal.PayloadCompression;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/**
 * Temporal's remote codec protocol, so Temporal UI ({@code --ui-codec-endpoint}, {@code
 * TEMPORAL_CODEC_ENDPOINT}) and the CLI ({@code temporal workflow show --codec-endpoint}) show the
 * payloads the engine compressed ({@link PayloadCompression}) as the JSON they hold. {@code POST
 * /codec/decode} and {@code /codec/encode} take and answer {@code {"payloads": [{"metadata": {name:
 * base64}, "data": base64}]}}. Needs no API key: compression hides nothing, so decoding tells a
 * caller only what the bytes it sends already hold ({@link CodecCors} lets the UI's page call).
 */
@Tag(name = "Operations")
@Controller("/codec")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CodecController {
  /** The most a request's payloads may inflate to, in bytes. */
  static final long MAX_DECODED = 16L * 1024 * 1024;

  private static final String PAYLOADS_EXAMPLE =
      "{\"payloads\": [{\"metadata\": {\"encoding\": \"anNvbi9wbGFpbg==\"}, \"data\":"
          + " \"eyJyZWFzb24iOiJtYWludGVuYW5jZSJ9\"}]}";

  private final PayloadCompression codec = new PayloadCompression();
  private final ObjectMapper json = new ObjectMapper();

  @Post(uri = "/decode", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Decode payloads (Temporal remote codec)",
      description =
          "Temporal's remote codec protocol, as Temporal UI and `temporal workflow show"
              + " --codec-endpoint <app>/codec` call it: each payload the engine compressed"
              + " (`encoding: binary/zlib`) is answered as the JSON payload it holds; any other"
              + " payload comes back untouched. Bytes are base64, as Temporal writes payloads in"
              + " JSON. Needs no API key: compression hides nothing, so this answers only what the"
              + " caller's own bytes hold. 400 naming the payload when one is not base64 or not"
              + " a compressed payload.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "payloads", value = PAYLOADS_EXAMPLE)))
  @ApiResponse(
      responseCode = "200",
      description = "The payloads decoded, in the order sent",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "payloads", value = PAYLOADS_EXAMPLE)))
  @ApiResponse(responseCode = "400", description = "A payload cannot be read; `errors` names it")
  public HttpResponse<String> decode(@Body byte[] body) {
    List<Payload> payloads = read(body);
    long inflated = 0;
    for (int i = 0; i < payloads.size(); i++) {
      if (PayloadCompression.compressed(payloads.get(i))) {
        inflated += inflatedSize(payloads.get(i).getData(), MAX_DECODED - inflated, i);
      }
    }
    List<Payload> out = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      try {
        out.add(codec.decode(List.of(payloads.get(i))).getFirst());
      } catch (PayloadCodecException e) {
        throw invalid(i, "data", "is not a compressed payload: it does not inflate to one");
      }
    }
    return HttpResponse.ok(write(out));
  }

  @Post(uri = "/encode", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Encode payloads (Temporal remote codec)",
      description =
          "The other half of Temporal's remote codec protocol: payloads as the engine would send"
              + " them to Temporal, those of 1 KiB or more compressed (`encoding: binary/zlib`)"
              + " when that makes them smaller, the rest untouched. Temporal UI calls it when an"
              + " operator sends a signal or starts a workflow from the UI. Needs no API key.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "payloads", value = PAYLOADS_EXAMPLE)))
  @ApiResponse(
      responseCode = "200",
      description = "The payloads encoded, in the order sent",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "payloads", value = PAYLOADS_EXAMPLE)))
  @ApiResponse(responseCode = "400", description = "A payload cannot be read; `errors` names it")
  public HttpResponse<String> encode(@Body byte[] body) {
    return HttpResponse.ok(write(codec.encode(read(body))));
  }

  /** The payloads of a request body, each checked: an object of base64 metadata and data. */
  List<Payload> read(byte[] body) {
    JsonNode root;
    try {
      root = body == null || body.length == 0 ? null : json.readTree(body);
    } catch (IOException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-json",
          "the body is not JSON: send {\"payloads\": [{\"metadata\": {...}, \"data\": \"...\"}]}");
    }
    if (root == null || !root.isObject() || !root.path("payloads").isArray()) {
      throw problem("/payloads", "send {\"payloads\": [{\"metadata\": {...}, \"data\": \"...\"}]}");
    }
    List<Payload> payloads = new ArrayList<>();
    ArrayNode items = (ArrayNode) root.get("payloads");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        throw problem("/payloads/" + i, "a payload is an object of metadata and data");
      }
      Payload.Builder payload = Payload.newBuilder();
      JsonNode metadata = item.path("metadata");
      if (!metadata.isMissingNode() && !metadata.isNull() && !metadata.isObject()) {
        throw problem("/payloads/" + i + "/metadata", "metadata is an object of base64 values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
        var entry = it.next();
        payload.putMetadata(
            entry.getKey(),
            base64(entry.getValue(), "/payloads/" + i + "/metadata/" + entry.getKey()));
      }
      JsonNode data = item.path("data");
      if (!data.isMissingNode() && !data.isNull()) {
        payload.setData(base64(data, "/payloads/" + i + "/data"));
      }
      payloads.add(payload.build());
    }
    return payloads;
  }

  String write(List<Payload> payloads) {
    ObjectNode root = json.createObjectNode();
    ArrayNode items = root.putArray("payloads");
    Base64.Encoder base64 = Base64.getEncoder();
    for (Payload payload : payloads) {
      ObjectNode item = items.addObject();
      ObjectNode metadata = item.putObject("metadata");
      payload
          .getMetadataMap()
          .forEach((name, value) -> metadata.put(name, base64.encodeToString(value.toByteArray())));
      item.put("data", base64.encodeToString(payload.getData().toByteArray()));
    }
    try {
      return json.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ByteString base64(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw problem(path, "a base64 string");
    }
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(value.asText()));
    } catch (IllegalArgumentException e) {
      try {
        return ByteString.copyFrom(Base64.getUrlDecoder().decode(value.asText()));
      } catch (IllegalArgumentException again) {
        throw problem(path, "not base64");
      }
    }
  }

  /** The size the data inflates to; a problem when it is no zlib stream or exceeds the limit. */
  private static long inflatedSize(ByteString data, long limit, int index) {
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (InputStream in = new InflaterInputStream(data.newInput())) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        size += n;
        if (size > limit) {
          throw problem(
              "/payloads/" + index + "/data",
              "the payloads inflate to more than " + MAX_DECODED / (1024 * 1024) + " MiB");
        }
      }
    } catch (IOException e) {
      throw invalid(index, "data", "is not a compressed payload: it is no zlib stream");
    }
    return size;
  }

  private static ApiProblem invalid(int index, String field, String message) {
    return problem("/payloads/" + index + "/" + field, field + " " + message);
  }

  private static ApiProblem problem(String path, String message) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-payloads",
        path + ": " + message,
        List.of(new ProblemDetail.FieldError(path, message)));
  }
}
