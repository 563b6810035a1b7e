package dev.ccotel.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The dependency rule of ccotel, one {@code @ArchTest} field per rule: arrows point inwards. The
 * rules name packages, not folders. {@link ArchitectureTest} runs every field annotated here, and
 * {@link RulesCatchViolationsTest} shows each one failing on a class that breaks it.
 */
final class ArchitectureRules {
    private ArchitectureRules() {}

    private static final String DOMAIN = "dev.ccotel.domain..";
    /** Sealed interfaces in the port packages are outcome types (IngestResult, KeepOutcome, PublishOutcome), not ports. */
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass>
            ARE_PORT_INTERFACES = com.tngtech.archunit.base.DescribedPredicate.describe("are unsealed interfaces",
                    c -> c.isInterface() && !isSealed(c));
    private static final String PORTS = "dev.ccotel.ports..";
    /** Each source of telemetry (Claude Code's OTLP, later transcripts, Codex) reads its format here. */
    private static final String SOURCES = "dev.ccotel.domain.source..";

    /** ArchUnit does not model sealed types; the class itself says, where it can be loaded. */
    private static boolean isSealed(com.tngtech.archunit.core.domain.JavaClass c) {
        try {
            return c.reflect().isSealed();
        } catch (RuntimeException notOnTheClassPath) {
            return false; // a class compiled by a test only: treated as an ordinary interface
        }
    }

    @ArchTest
    static final ArchRule onion = onionArchitecture()
            .domainModels("dev.ccotel.domain.model..")
            .domainServices("dev.ccotel.domain", SOURCES)
            .applicationServices(PORTS)
            .adapter("grpc-in", "dev.ccotel.adapter.grpc..")
            .adapter("http-in", "dev.ccotel.adapter.httpin..")
            .adapter("http-out", "dev.ccotel.adapter.httpout..")
            .adapter("shell-env", "dev.ccotel.adapter.shellenv..")
            .adapter("sqlite-out", "dev.ccotel.adapter.sqlite..")
            .adapter("transcripts-in", "dev.ccotel.adapter.transcripts..")
            .adapter("postgres-out", "dev.ccotel.adapter.postgres..")
            .ignoreDependency(resideInAPackage("dev.ccotel.app.."), alwaysTrue())
            .because("adapters know the ports and the domain, never each other; only app, the composition root, knows everyone");

    @ArchTest
    static final ArchRule onlyTheCompositionsNameTheStores = noClasses()
            .that().resideInAPackage("dev.ccotel.app..")
            .and().resideOutsideOfPackages("dev.ccotel.app.compose..", "dev.ccotel.app.config..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ccotel.adapter.sqlite..",
                    "dev.ccotel.adapter.shellenv..", "dev.ccotel.adapter.postgres..")
            .because("each runnable draws its wires in one composition (app.compose: DaemonComposition,"
                    + " CliComposition, a hub's own); commands and the runtime name ports, so a second store is a"
                    + " second composition, not an edit of every command (app.config builds the adapters' typed configs)");

    @ArchTest
    static final ArchRule domainDependsOnlyOnProtobufAndOtlp = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java.lang", "java.lang.invoke", "java.lang.reflect", "java.util..", "java.time..",
                    "java.nio", "java.nio.charset", "java.security", "java.math", "java.io",
                    "com.google.protobuf..", "io.opentelemetry.proto..", DOMAIN)
            .because("a backend reuses the domain jar to parse OTLP, bringing opentelemetry-proto and nothing else");

    @ArchTest
    static final ArchRule sourceNeutralDomainKnowsNoSource = noClasses()
            .that().resideInAnyPackage("dev.ccotel.domain", "dev.ccotel.domain.model..")
            .should().dependOnClassesThat().resideInAPackage(SOURCES)
            .because("a source's reader yields the same session facts (ExportGroups); the fold, the state and the"
                    + " model know no source's attribute names, so a new source is a sibling, not an edit");

    @ArchTest
    static final ArchRule sourcesAreSiblings = slices()
            .matching("dev.ccotel.domain.source.(*)..")
            .should().notDependOnEachOther()
            .because("one source's attribute names must not leak into another's reader through a shared helper;"
                    + " what sources share belongs in the source-neutral domain");

    @ArchTest
    static final ArchRule coreHasNoTransportFilesOrEnvironment = noClasses()
            .that().resideInAnyPackage(DOMAIN, PORTS)
            .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "io.helidon..", "java.net..", "java.nio.file..",
                    "java.nio.channels..", "java.sql..", "javax.sql..", "org.sqlite..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class,
                    java.io.FileOutputStream.class, java.io.FileReader.class, java.io.FileWriter.class,
                    java.io.RandomAccessFile.class, ProcessBuilder.class, Runtime.class)
            .orShould().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getenv", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class, String.class)
            .orShould().callMethod(System.class, "getProperties")
            .because("transport, files, storage, processes and the environment belong to adapters and app");

    @ArchTest
    static final ArchRule coreReadsTimeOnlyFromAnInjectedClock = noClasses()
            .that().resideInAnyPackage(DOMAIN, PORTS)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.LocalTime.class, "now")
            .orShould().callMethod(java.time.Year.class, "now")
            .orShould().callMethod(java.time.YearMonth.class, "now")
            .because("the ledger's time must come from a java.time.Clock that tests control");

    @ArchTest
    static final ArchRule noOpenTelemetryApiOrSdk = noClasses()
            .that().resideInAPackage("dev.ccotel..")
            .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry.api..", "io.opentelemetry.sdk..",
                    "io.opentelemetry.context..")
            .because("the OTEL_* variables cc install puts in the user's shell would make an SDK in the daemon "
                    + "export its own telemetry, to itself; ccotel reads OTLP with opentelemetry-proto only");

    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .matching("dev.ccotel.(**)")
            .should().beFreeOfCycles()
            .because("cycles hide which way a dependency points");

    @ArchTest
    static final ArchRule inPortsAreUseCases = classes()
            .that().resideInAPackage("dev.ccotel.ports.in..").and(ARE_PORT_INTERFACES)
            .should().haveSimpleNameEndingWith("UseCase")
            .because("in-ports are named <Verb><Noun>UseCase");

    @ArchTest
    static final ArchRule outPortsArePorts = classes()
            .that().resideInAPackage("dev.ccotel.ports.out..").and(ARE_PORT_INTERFACES)
            .should().haveSimpleNameEndingWith("Port")
            .because("out-ports are named <Verb><Noun>Port");

    @ArchTest
    static final ArchRule inPortsDoNotKnowOutPorts = noClasses()
            .that().resideInAPackage("dev.ccotel.ports.in..")
            .should().dependOnClassesThat().resideInAPackage("dev.ccotel.ports.out..")
            .because("a use case's vocabulary must not leak how it is implemented (buckpal's rule); what both sides"
                    + " share lives in dev.ccotel.ports.model");

    @ArchTest
    static final ArchRule servicesImplementUseCases = classes()
            .that().resideInAPackage("dev.ccotel.ports.service..").and().haveSimpleNameEndingWith("Service")
            .should().implement(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.ccotel.ports.in.."))
            .because("one service per use case");
}
