package dev.automap.definitions.model;

/** A step that steers: no side effects, decided in workflow code. */
public sealed interface FlowStep extends Step permits WaitStep, EndStep {}
