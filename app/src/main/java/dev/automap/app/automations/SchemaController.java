package dev.automap.app.automations;

import dev.automap.definitions.schema.MapSchema;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** The JSON Schema of the map format, generated from the model. */
@Controller("/v1/schema")
public class SchemaController {
  public static final String SCHEMA_JSON = "application/schema+json";

  @Get("/automation.json")
  @Produces(SCHEMA_JSON)
  public String automation() {
    return MapSchema.json();
  }
}
