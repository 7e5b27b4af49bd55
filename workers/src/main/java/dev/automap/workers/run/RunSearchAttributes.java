package dev.automap.workers.run;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/** The search attributes every run carries (names are contract: shared spec, engine.md). */
public final class RunSearchAttributes {
  public static final SearchAttributeKey<String> ACCOUNT_ID =
      SearchAttributeKey.forKeyword("AccountId");
  public static final SearchAttributeKey<String> AUTOMATION_KEY =
      SearchAttributeKey.forKeyword("AutomationKey");
  public static final SearchAttributeKey<Long> AUTOMATION_VERSION =
      SearchAttributeKey.forLong("AutomationVersion");
  public static final SearchAttributeKey<String> CONTACT_ID =
      SearchAttributeKey.forKeyword("ContactId");
  public static final SearchAttributeKey<String> CURRENT_STEP =
      SearchAttributeKey.forKeyword("CurrentStep");
  public static final SearchAttributeKey<String> RUN_STATE =
      SearchAttributeKey.forKeyword("RunState");

  /** Name and type of each, as registered on the namespace. */
  public static final Map<String, IndexedValueType> ALL =
      Map.of(
          "AccountId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "AutomationKey", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "AutomationVersion", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "ContactId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "CurrentStep", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "RunState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

  private RunSearchAttributes() {}
}
