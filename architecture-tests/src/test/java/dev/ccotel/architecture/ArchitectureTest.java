package dev.ccotel.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code @ArchTest} rule of {@link ArchitectureRules} over all of ccotel's classes.
 * Sibling modules arrive here as jars under {@code mvn verify}, so jars are imported too.
 *
 * <p>The rules are found by reflection and run by a JUnit Jupiter test rather than ArchUnit's own
 * engine: under JUnit Platform 6 the archunit-junit5 1.5.0 engine discovered the {@code @ArchTest}
 * fields but ran none of them (0 tests, green), which is exactly the silent pass a rule must never
 * give. A static {@code ArchRule} field without {@code @ArchTest} fails the build too, so a rule
 * added the idiomatic way cannot be skipped either.
 */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ccotel");

    /** Every {@code @ArchTest} rule, by field name. */
    static List<Field> ruleFields() {
        return Arrays.stream(ArchitectureRules.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(ArchTest.class))
                .toList();
    }

    static ArchRule rule(String name) {
        try {
            Field f = ArchitectureRules.class.getDeclaredField(name);
            f.setAccessible(true);
            return (ArchRule) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> rules() {
        return ruleFields().stream().map(f -> Arguments.of(f.getName(), rule(f.getName())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleHolds(String name, ArchRule rule) {
        rule.check(CLASSES); // failOnEmptyShould stays on: a rule that matches nothing fails
    }

    @Test
    void everyRuleFieldIsAnArchTest_andThereAreRules() {
        List<String> unannotated = Arrays.stream(ArchitectureRules.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && ArchRule.class.isAssignableFrom(f.getType()))
                .filter(f -> !f.isAnnotationPresent(ArchTest.class))
                .map(Field::getName).toList();
        assertEquals(List.of(), unannotated, "ArchRule fields without @ArchTest would never run");
        assertTrue(ruleFields().size() >= 10, "rules found: " + ruleFields().size());
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {"dev.ccotel.domain", "dev.ccotel.ports.in", "dev.ccotel.ports.out",
                "dev.ccotel.ports.model", "dev.ccotel.ports.service.ingest", "dev.ccotel.ports.service.status",
                "dev.ccotel.ports.service.forward", "dev.ccotel.ports.service.report", "dev.ccotel.ports.service.shellenv",
                "dev.ccotel.ports.service.imports", "dev.ccotel.domain.source.transcript",
                "dev.ccotel.adapter.transcripts", "dev.ccotel.adapter.transcripts.prices",
                "dev.ccotel.adapter.grpc",
                "dev.ccotel.adapter.httpin", "dev.ccotel.adapter.httpin.wire", "dev.ccotel.adapter.httpin.status",
                "dev.ccotel.adapter.httpout", "dev.ccotel.adapter.httpin.dashboard", "dev.ccotel.adapter.httpin.statusline",
                "dev.ccotel.ports.service.statusline", "dev.ccotel.adapter.shellenv", "dev.ccotel.adapter.sqlite",
                "dev.ccotel.app"}) {
            assertTrue(CLASSES.containPackage(pkg), "classes of " + pkg + " imported");
        }
    }
}
