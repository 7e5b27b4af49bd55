package dev.automap.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of automap depends on itself through others, over the three modules: neither single
 * packages (each without its subpackages) nor areas ({@code workers.actions} with its subpackages,
 * {@code workers.messages}…) form a cycle.
 */
class PackageCyclesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.automap");

  @Test
  void packagesFormNoCycles() {
    slices().matching("dev.automap.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  /**
   * Whole areas too: {@code actions.message} may use {@code messages}, which then may not use
   * {@code actions}.
   */
  @Test
  void areasFormNoCycles() {
    slices().matching("dev.automap.(*).(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
