package dev.automap.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.Problems;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.settings.AccountSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET/PUT /v1/settings}: the account's {@code frequencyCaps} per channel, default {@code
 * quietHours} and sender {@code from} (see {@link AccountSettings}). {@code PUT} replaces them
 * whole; a field that cannot be kept is a 400 naming it, and nothing is kept.
 */
@Tag(name = "Settings")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/settings")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SettingsController {
  private final AccountSettings settings;

  public SettingsController(AccountSettings settings) {
    this.settings = settings;
  }

  @Operation(
      summary = "Get the account's settings",
      description =
          "The account's frequencyCaps per channel (at most max messages per ISO-8601 period), default quietHours (local times; timezone an IANA zone or contact) and sender address from.")
  @ApiResponse(
      responseCode = "200",
      description = "The settings",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"frequencyCaps\": {\"email\": {\"max\": 3, \"per\": \"P7D\"}}, \"quietHours\": {\"from\": \"21:00\", \"to\": \"08:00\", \"timezone\": \"contact\"}, \"from\": \"Acme <hi@acme.test>\"}")))
  @Get
  @Produces(MediaType.APPLICATION_JSON)
  public String get(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return MapJson.write(settings.get(account));
  }

  @Operation(
      summary = "Replace the account's settings",
      description =
          "Replaces the settings whole: frequencyCaps, quietHours and from, each optional. A field that cannot be kept is a 400 naming it, and nothing is kept. Answers the settings kept.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"frequencyCaps\": {\"email\": {\"max\": 3, \"per\": \"P7D\"}}, \"quietHours\": {\"from\": \"21:00\", \"to\": \"08:00\", \"timezone\": \"contact\"}, \"from\": \"Acme <hi@acme.test>\"}"))))
  @ApiResponse(
      responseCode = "200",
      description = "The settings, kept",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"frequencyCaps\": {\"email\": {\"max\": 3, \"per\": \"P7D\"}}, \"quietHours\": {\"from\": \"21:00\", \"to\": \"08:00\", \"timezone\": \"contact\"}, \"from\": \"Acme <hi@acme.test>\"}")))
  @Put
  @Produces(MediaType.APPLICATION_JSON)
  public String put(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Nullable @Body String body) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : MapJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-settings",
          "the body is not JSON: " + dev.automap.definitions.model.JsonErrors.plain(e));
    }
    try {
      return MapJson.write(settings.put(account, node));
    } catch (AccountSettings.InvalidSettings e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-settings",
          "the settings were not kept",
          Problems.fieldErrors(e.problems()));
    }
  }
}
