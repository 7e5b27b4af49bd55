package dev.automap.app.automations;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.TypedMessageBodyReader;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Lets a YAML map arrive as text; the map parser reads YAML and JSON alike. */
@Singleton
@Consumes({"application/yaml", MediaType.APPLICATION_YAML, "text/yaml"})
public class YamlTextReader implements TypedMessageBodyReader<String> {
  @Override
  public Argument<String> getType() {
    return Argument.STRING;
  }

  @Override
  public String read(
      Argument<String> type, MediaType mediaType, Headers headers, InputStream input) {
    try {
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CodecException("cannot read the request body: " + e.getMessage(), e);
    }
  }
}
