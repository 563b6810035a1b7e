package dev.ccotel.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The systemd unit and the launchd agent, pinned by golden files and checked by their own tools' rules. */
class ServiceFilesTest {
    private static final Path LAUNCHER = Path.of("/opt/ccotel-0.1.0/bin/ccotel");

    @TempDir
    Path temp;

    private static String golden(String name) throws IOException {
        try (InputStream in = ServiceFilesTest.class.getResourceAsStream("/golden/service/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void systemdUnit_matchesTheGoldenFile() throws IOException {
        String unit = new Systemd(Path.of("/home/dev/.config")).render(LAUNCHER, Path.of("/usr/lib/jvm/jdk-21/bin/java"));

        assertEquals(golden("ccotel.service"), unit);
        assertEquals(Path.of("/home/dev/.config/systemd/user/ccotel.service"), new Systemd(Path.of("/home/dev/.config")).file());
    }

    @Test
    void systemdUnit_quotesAPathWithSpacesAndEscapesSpecifiers() {
        String unit = new Systemd(temp).render(Path.of("/opt/my apps/100%/bin/ccotel"), Path.of("/j $HOME/bin/java"));

        assertTrue(unit.contains("ExecStart=\"/opt/my apps/100%%/bin/ccotel\" daemon\n"), unit);
        assertTrue(unit.contains("Environment=\"CCOTEL_JAVA=/j $HOME/bin/java\"\n"), unit);
    }

    @Test
    void systemdUnit_passesSystemdAnalyzeVerify() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed (apt-get install systemd)"
                + ", so the unit is checked by its golden file only");
        // verify checks that ExecStart's program exists and is executable: give it a real one.
        Path launcher = Files.createDirectories(temp.resolve("dist/bin")).resolve("ccotel");
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = Files.createDirectories(temp.resolve("units")).resolve("ccotel.service");
        Files.writeString(unit, new Systemd(temp).render(launcher, Path.of(System.getProperty("java.home"), "bin", "java")));

        // The system manager's rules: --user needs a user session, which a build machine may not have.
        Process p = new ProcessBuilder(analyze.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue(), output);
        assertEquals("", output, "no warning either (an unknown key is only a warning)");
    }

    @Test
    void launchdAgent_matchesTheGoldenFile() throws IOException {
        Launchd launchd = new Launchd(Path.of("/Users/dev"), 501);

        String plist = launchd.render(LAUNCHER,
                Path.of("/Library/Java/JavaVirtualMachines/jdk-21.jdk/Contents/Home/bin/java"));

        assertEquals(golden("dev.ccotel.daemon.plist"), plist);
        assertEquals(Path.of("/Users/dev/Library/LaunchAgents/dev.ccotel.daemon.plist"), launchd.file());
        assertEquals(List.of("launchctl", "bootstrap", "gui/501", launchd.file().toString()),
                launchd.afterInstall().getFirst());
    }

    @Test
    void launchdAgent_isAWellFormedPlist_withTheKeysLaunchdNeeds() throws Exception {
        String plist = new Launchd(Path.of("/Users/d&v"), 501).render(Path.of("/opt/a<b>/bin/ccotel"), Path.of("/j"));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element dict = (Element) factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(plist.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement().getElementsByTagName("dict").item(0);

        assertEquals("dev.ccotel.daemon", valueOf(dict, "Label").getTextContent());
        assertEquals(List.of("/opt/a<b>/bin/ccotel", "daemon"), strings(valueOf(dict, "ProgramArguments")));
        assertEquals("true", valueOf(dict, "RunAtLoad").getNodeName());
        assertEquals("true", valueOf(dict, "KeepAlive").getNodeName());
        assertEquals("/Users/d&v/Library/Logs/ccotel.log", valueOf(dict, "StandardErrorPath").getTextContent());
    }

    /** The element after {@code <key>name</key>} in a plist dict. */
    private static Node valueOf(Element dict, String key) {
        NodeList children = dict.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n.getNodeName().equals("key") && n.getTextContent().equals(key)) {
                Node value = n.getNextSibling();
                while (value.getNodeType() != Node.ELEMENT_NODE) {
                    value = value.getNextSibling();
                }
                return value;
            }
        }
        throw new AssertionError("no key " + key);
    }

    private static List<String> strings(Node array) {
        List<String> values = new ArrayList<>();
        NodeList children = ((Element) array).getElementsByTagName("string");
        for (int i = 0; i < children.getLength(); i++) {
            values.add(children.item(i).getTextContent());
        }
        return values;
    }
}
