package dev.ccotel.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The dependency rule of ccotel: arrows point inwards. Sibling modules arrive here as jars under
 * {@code mvn verify}, so jars are imported too; the rules name packages, not folders.
 *
 * <p>The rules are checked by a JUnit Jupiter test rather than ArchUnit's own engine: under JUnit
 * Platform 6 the archunit-junit5 1.5.0 engine discovered the {@code @ArchTest} fields but ran none
 * of them (0 tests, green), which is exactly the silent pass a rule must never give.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ccotel");

    private static final String DOMAIN = "dev.ccotel.domain..";
    /** Sealed interfaces in the port packages are outcome types (IngestResult, PublishOutcome), not ports. */
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass>
            ARE_PORT_INTERFACES = com.tngtech.archunit.base.DescribedPredicate.describe("are unsealed interfaces",
                    c -> c.isInterface() && !c.reflect().isSealed());
    private static final String PORTS = "dev.ccotel.ports..";

    static final ArchRule onion = onionArchitecture()
            .domainModels("dev.ccotel.domain.model..")
            .domainServices("dev.ccotel.domain")
            .applicationServices(PORTS)
            .adapter("grpc-in", "dev.ccotel.adapter.grpc..")
            .adapter("http-in", "dev.ccotel.adapter.httpin..")
            .adapter("http-out", "dev.ccotel.adapter.http..")
            .adapter("shell-env", "dev.ccotel.adapter.shellenv..")
            .adapter("sqlite-out", "dev.ccotel.adapter.sqlite..")
            .ignoreDependency(resideInAPackage("dev.ccotel.app.."), alwaysTrue())
            .because("adapters know the ports and the domain, never each other; only app, the composition root, knows everyone");

    static final ArchRule domainDependsOnlyOnProtobufAndOtlp = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java.lang", "java.lang.invoke", "java.lang.reflect", "java.util..", "java.time..",
                    "java.nio", "java.nio.charset", "java.security", "java.math", "java.io",
                    "com.google.protobuf..", "io.opentelemetry.proto..", DOMAIN)
            .because("a backend reuses the domain jar to parse OTLP, bringing opentelemetry-proto and nothing else");

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

    static final ArchRule noOpenTelemetryApiOrSdk = noClasses()
            .that().resideInAPackage("dev.ccotel..")
            .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry.api..", "io.opentelemetry.sdk..",
                    "io.opentelemetry.context..")
            .because("the OTEL_* variables cc install puts in the user's shell would make an SDK in the daemon "
                    + "export its own telemetry, to itself; ccotel reads OTLP with opentelemetry-proto only");

    static final ArchRule noPackageCycles = slices()
            .matching("dev.ccotel.(**)")
            .should().beFreeOfCycles()
            .because("cycles hide which way a dependency points");

    static final ArchRule inPortsAreUseCases = classes()
            .that().resideInAPackage("dev.ccotel.ports.in..").and(ARE_PORT_INTERFACES)
            .should().haveSimpleNameEndingWith("UseCase")
            .because("in-ports are named <Verb><Noun>UseCase");

    static final ArchRule outPortsArePorts = classes()
            .that().resideInAPackage("dev.ccotel.ports.out..").and(ARE_PORT_INTERFACES)
            .should().haveSimpleNameEndingWith("Port")
            .because("out-ports are named <Verb><Noun>Port");

    static final ArchRule servicesImplementUseCases = classes()
            .that().resideInAPackage("dev.ccotel.ports.service..").and().haveSimpleNameEndingWith("Service")
            .should().implement(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.ccotel.ports.in.."))
            .because("one service per use case");

    static Stream<Arguments> rules() {
        return Arrays.stream(ArchitectureTest.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && ArchRule.class.isAssignableFrom(f.getType()))
                .map(f -> Arguments.of(f.getName(), rule(f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleHolds(String name, ArchRule rule) {
        rule.check(CLASSES); // failOnEmptyShould stays on: a rule that matches nothing fails
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {"dev.ccotel.domain", "dev.ccotel.ports.in", "dev.ccotel.ports.out",
                "dev.ccotel.ports.service", "dev.ccotel.adapter.grpc", "dev.ccotel.adapter.httpin",
                "dev.ccotel.adapter.httpin.wire", "dev.ccotel.adapter.httpin.status", "dev.ccotel.adapter.http",
                "dev.ccotel.adapter.shellenv", "dev.ccotel.adapter.sqlite", "dev.ccotel.app"}) {
            org.junit.jupiter.api.Assertions.assertTrue(CLASSES.containPackage(pkg), "classes of " + pkg + " imported");
        }
    }

    private static ArchRule rule(Field f) {
        try {
            return (ArchRule) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
