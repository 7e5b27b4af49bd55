package dev.automap.definitions.model;

/** A step with a side effect, run as one idempotent activity. */
public sealed interface ActionStep extends Step permits AddTagsStep {
  OnError onError();
}
