package dev.ccotel.app.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven stamped into the jar. */
public final class Version implements IVersionProvider {
    public static final String VALUE = load();

    @Override
    public String[] getVersion() {
        return new String[] {"ccotel " + VALUE};
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/ccotel-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("ccotel-version.properties missing from the jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
