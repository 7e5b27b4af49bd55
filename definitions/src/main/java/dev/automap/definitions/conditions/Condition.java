package dev.automap.definitions.conditions;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A test on the data a run sees (contact, event, vars, account values, now). Its JSON form decides
 * its kind: {@code field/op/value}, {@code all}, {@code any}, {@code not} or {@code cel}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
  @JsonSubTypes.Type(FieldCondition.class),
  @JsonSubTypes.Type(AllOf.class),
  @JsonSubTypes.Type(AnyOf.class),
  @JsonSubTypes.Type(Not.class),
  @JsonSubTypes.Type(CelCondition.class),
})
public sealed interface Condition permits FieldCondition, AllOf, AnyOf, Not, CelCondition {}
