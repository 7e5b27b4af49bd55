package dev.automap.definitions.conditions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The operators of a field condition, by their names in the map format. */
public enum Op {
  EQ("eq"),
  NE("ne"),
  IN("in"),
  NOT_IN("not_in"),
  CONTAINS("contains"),
  NOT_CONTAINS("not_contains"),
  STARTS_WITH("starts_with"),
  ENDS_WITH("ends_with"),
  GT("gt"),
  GTE("gte"),
  LT("lt"),
  LTE("lte"),
  EXISTS("exists"),
  NOT_EXISTS("not_exists"),
  BEFORE("before"),
  AFTER("after"),
  WITHIN_LAST("within_last"),
  WITHIN_NEXT("within_next");

  private final String id;

  Op(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static Op of(String id) {
    for (Op op : values()) {
      if (op.id.equals(id)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown operator \"" + id + "\"");
  }

  /** Whether the operator needs no {@code value}. */
  public boolean unary() {
    return this == EXISTS || this == NOT_EXISTS;
  }
}
