package dev.ccotel.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule, shown to fail: a small class that breaks it is compiled here, and the rule must reject
 * it. Among them the holes a review found open (LocalDate.now, FileInputStream, Socket,
 * ProcessBuilder, the two-argument getProperty, java.sql in the domain). Every rule has a case.
 */
class RulesCatchViolationsTest {
    @TempDir
    static Path out;

    /** Rule name -> the sources (path under the source root -> text) that break it. */
    static final Map<String, Map<String, String>> CASES = new LinkedHashMap<>();

    static {
        add("onion", "dev/ccotel/adapter/grpc/bad/UsesAnotherAdapter.java",
                "package dev.ccotel.adapter.grpc.bad; public class UsesAnotherAdapter {"
                        + " dev.ccotel.adapter.shellenv.bad.Other other; }",
                "dev/ccotel/adapter/shellenv/bad/Other.java",
                "package dev.ccotel.adapter.shellenv.bad; public class Other {}");
        add("onlyTheCompositionsNameTheStores", "dev/ccotel/adapter/sqlite/bad/Store.java",
                "package dev.ccotel.adapter.sqlite.bad; public class Store {}",
                "dev/ccotel/app/cli/bad/OpensTheStore.java",
                "package dev.ccotel.app.cli.bad; public class OpensTheStore { dev.ccotel.adapter.sqlite.bad.Store s; }");
        add("onion#transcripts-in", "dev/ccotel/adapter/transcripts/bad/KeepsInSqlite.java",
                "package dev.ccotel.adapter.transcripts.bad; public class KeepsInSqlite {"
                        + " dev.ccotel.adapter.sqlite.bad.Table table; }",
                "dev/ccotel/adapter/sqlite/bad/Table.java",
                "package dev.ccotel.adapter.sqlite.bad; public class Table {}");
        add("onion#postgres-out", "dev/ccotel/adapter/postgres/bad/BorrowsSqlite.java",
                "package dev.ccotel.adapter.postgres.bad; public class BorrowsSqlite {"
                        + " dev.ccotel.adapter.sqlite.bad.Other other; }",
                "dev/ccotel/adapter/sqlite/bad/Other.java",
                "package dev.ccotel.adapter.sqlite.bad; public class Other {}");
        add("domainDependsOnlyOnProtobufAndOtlp", "dev/ccotel/domain/bad/UsesJdbc.java",
                "package dev.ccotel.domain.bad; public class UsesJdbc { java.sql.Connection c; }");
        add("sourceNeutralDomainKnowsNoSource", "dev/ccotel/domain/source/bad/Reader.java",
                "package dev.ccotel.domain.source.bad; public class Reader { public String project() { return \"pwd\"; } }",
                "dev/ccotel/domain/FoldReadsASource.java",
                "package dev.ccotel.domain; public class FoldReadsASource { dev.ccotel.domain.source.bad.Reader r; }");
        add("sourceNeutralDomainKnowsNoSource#model", "dev/ccotel/domain/source/bad/Names.java",
                "package dev.ccotel.domain.source.bad; public class Names {}",
                "dev/ccotel/domain/model/bad/KnowsNames.java",
                "package dev.ccotel.domain.model.bad; public class KnowsNames { dev.ccotel.domain.source.bad.Names n; }");
        add("sourcesAreSiblings", "dev/ccotel/domain/source/one/Keys.java",
                "package dev.ccotel.domain.source.one; public class Keys {}",
                "dev/ccotel/domain/source/two/Reader.java",
                "package dev.ccotel.domain.source.two; public class Reader { dev.ccotel.domain.source.one.Keys k; }");
        add("coreHasNoTransportFilesOrEnvironment", "dev/ccotel/ports/bad/Socketed.java",
                "package dev.ccotel.ports.bad; public class Socketed { java.net.Socket s; }");
        add("coreHasNoTransportFilesOrEnvironment#files", "dev/ccotel/domain/bad/ReadsFiles.java",
                "package dev.ccotel.domain.bad; public class ReadsFiles { Object f() throws Exception {"
                        + " return new java.io.FileInputStream(\"x\"); } }");
        add("coreHasNoTransportFilesOrEnvironment#processes", "dev/ccotel/ports/bad/Starts.java",
                "package dev.ccotel.ports.bad; public class Starts { Object f() { return new ProcessBuilder(\"ls\"); } }");
        add("coreHasNoTransportFilesOrEnvironment#property", "dev/ccotel/domain/bad/ReadsProperty.java",
                "package dev.ccotel.domain.bad; public class ReadsProperty { String f() {"
                        + " return System.getProperty(\"a\", \"b\"); } }");
        add("coreReadsTimeOnlyFromAnInjectedClock", "dev/ccotel/domain/bad/Today.java",
                "package dev.ccotel.domain.bad; public class Today { Object f() { return java.time.LocalDate.now(); } }");
        add("noOpenTelemetryApiOrSdk", "io/opentelemetry/api/stub/Api.java",
                "package io.opentelemetry.api.stub; public class Api {}",
                "dev/ccotel/app/bad/SelfTelemetry.java",
                "package dev.ccotel.app.bad; public class SelfTelemetry { io.opentelemetry.api.stub.Api api; }");
        add("noPackageCycles", "dev/ccotel/bad/a/A.java",
                "package dev.ccotel.bad.a; public class A { dev.ccotel.bad.b.B b; }",
                "dev/ccotel/bad/b/B.java", "package dev.ccotel.bad.b; public class B { dev.ccotel.bad.a.A a; }");
        add("inPortsAreUseCases", "dev/ccotel/ports/in/bad/Ingest.java",
                "package dev.ccotel.ports.in.bad; public interface Ingest { void go(); }");
        add("outPortsArePorts", "dev/ccotel/ports/out/bad/Store.java",
                "package dev.ccotel.ports.out.bad; public interface Store { void put(); }");
        add("inPortsDoNotKnowOutPorts", "dev/ccotel/ports/out/bad/Thing.java",
                "package dev.ccotel.ports.out.bad; public record Thing() {}",
                "dev/ccotel/ports/in/bad/Command.java",
                "package dev.ccotel.ports.in.bad; public record Command(dev.ccotel.ports.out.bad.Thing thing) {}");
        add("servicesImplementUseCases", "dev/ccotel/ports/service/bad/LonelyService.java",
                "package dev.ccotel.ports.service.bad; public class LonelyService {}");
    }

    private static void add(String rule, String... pathsAndSources) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            sources.put(pathsAndSources[i], pathsAndSources[i + 1]);
        }
        CASES.put(rule, sources);
    }

    static Stream<Arguments> cases() {
        return CASES.keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleRejectsAClassThatBreaksIt(String name) throws IOException {
        JavaClasses violators = compile(name, CASES.get(name));
        String rule = name.contains("#") ? name.substring(0, name.indexOf('#')) : name;

        AssertionError failure = assertThrows(AssertionError.class,
                () -> ArchitectureTest.rule(rule).check(violators), rule + " let a violation through");

        assertTrue(failure.getMessage().contains("was violated"), failure.getMessage());
    }

    @Test
    void everyRuleHasAViolationCase() {
        TreeSet<String> rules = new TreeSet<>(ArchitectureTest.ruleFields().stream().map(Field::getName).toList());
        TreeSet<String> covered = new TreeSet<>(CASES.keySet().stream()
                .map(n -> n.contains("#") ? n.substring(0, n.indexOf('#')) : n).toList());
        assertEquals(rules, covered);
    }

    /** Compiles the sources into a folder of their own and imports just those classes. */
    private static JavaClasses compile(String name, Map<String, String> sources) throws IOException {
        Path dir = Files.createDirectories(out.resolve(name.replace('#', '-')));
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, code, "the violating sources compile: " + diagnostics.toString(StandardCharsets.UTF_8));
        return new ClassFileImporter().importPath(classes);
    }
}
