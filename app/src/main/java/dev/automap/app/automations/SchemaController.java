package dev.automap.app.automations;

import dev.automap.definitions.schema.MapSchema;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The JSON Schema of the map format, generated from the model. */
@Tag(name = "Automations")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/schema")
public class SchemaController {
  public static final String SCHEMA_JSON = "application/schema+json";

  @Operation(
      summary = "The map format's JSON Schema",
      description =
          "The JSON Schema of the map format, generated from the model: for editors and validators. Answers `application/schema+json` or `application/json`.")
  @ApiResponse(
      responseCode = "200",
      description = "The map format's JSON Schema",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\", \"properties\": {\"key\": {\"type\": \"string\"}, \"steps\": {\"type\": \"array\"}}}")))
  @Get("/automation.json")
  @Produces({SCHEMA_JSON, MediaType.APPLICATION_JSON})
  public String automation() {
    return MapSchema.json();
  }
}
