package io.herald.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of docs/architecture.md, checked on the server's main classes: the core
 * knows no wire format and no front door, the engine SPI knows nothing of Herald, the front door
 * knows no feature, and no two packages depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "io.herald", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Feature packages: mounted by the composition root, never known by the core or transport. */
  static final String[] FEATURES = {
    "io.herald.api..", "io.herald.admin..", "io.herald.ingest..", "io.herald.ops..",
    "io.herald.proxy..", "io.herald.webhooks..", "io.herald.pusher..", "io.herald.protocol..",
    "io.herald.metrics..", "io.herald.server..", "io.herald.cli.."
  };

  @ArchTest
  static final ArchRule nodeUsesNoNettyNoJacksonNoAdapter =
      noClasses().that().resideInAPackage("io.herald.node..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "io.netty..", "com.fasterxml.jackson..", "io.herald.transport..",
              "io.herald.protocol..", "io.herald.pusher..", "io.herald.proxy..",
              "io.herald.api..", "io.herald.admin..", "io.herald.ingest..", "io.herald.ops..",
              "io.herald.webhooks..", "io.herald.metrics..", "io.herald.server..",
              "io.herald.cli..", "io.herald.json..")
          .because("the core speaks commands and events; adapters own wire formats and I/O");

  @ArchTest
  static final ArchRule engineSpiDependsOnNothingOfHerald =
      classes().that().resideInAPackage("io.herald.engine")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.herald.engine")
          .because("the engine SPI holds interfaces and value types only");

  @ArchTest
  static final ArchRule transportKnowsNoFeature =
      noClasses().that().resideInAPackage("io.herald.transport..")
          .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
          .because("features mount their routes through transport.HttpRoutes");

  @ArchTest
  static final ArchRule protocolSeamIsValueTypesAndInterfaces =
      noClasses().that().resideInAPackage("io.herald.node.protocol..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "io.herald.node", "io.herald.node.proxy..", "io.herald.config..",
              "io.herald.auth..")
          .because("adapters see the seam, not the core's internals");

  @ArchTest
  static final ArchRule engineImplementationsDoNotKnowTheNode =
      noClasses().that().resideInAPackage("io.herald.engine..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "io.herald.node..", "io.herald.transport..", "io.herald.api..",
              "io.herald.ingest..", "io.herald.server..");

  @ArchTest
  static final ArchRule proxyKnowsNoTransport =
      noClasses().that().resideInAPackage("io.herald.proxy..")
          .should().dependOnClassesThat().resideInAPackage("io.herald.transport..")
          .because("the node hands the backend client its event loop through the seam");

  @ArchTest
  static final ArchRule featuresBorrowNoEngineInternals =
      noClasses().that().resideInAnyPackage(
              "io.herald.ingest..", "io.herald.webhooks..", "io.herald.api..",
              "io.herald.pusher..", "io.herald.admin..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "io.herald.engine.redis..", "io.herald.engine.nats..", "io.herald.engine.memory..")
          .because("clients are built from config with io.herald.clients");

  @ArchTest
  static final ArchRule natsBrokerUsesRedisOnlyThroughTheSpi =
      noClasses().that().resideInAPackage("io.herald.engine.nats..")
          .should().dependOnClassesThat().resideInAPackage("io.herald.engine.redis..")
          .because("engine implementations never downcast one another");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.herald.(**)").should().beFreeOfCycles();
}
