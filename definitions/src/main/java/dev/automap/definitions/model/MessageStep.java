package dev.automap.definitions.model;

/**
 * An action that sends a message to a person. Only such a step can be named by an event match's
 * {@code fromStep}: opens, clicks and replies are traced back to what it sent.
 */
public sealed interface MessageStep extends ActionStep
    permits SendEmailStep, SendSmsStep, SendWhatsappStep, NotifyStep {}
