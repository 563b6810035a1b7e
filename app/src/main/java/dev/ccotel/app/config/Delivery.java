package dev.ccotel.app.config;

import dev.ccotel.adapter.httpout.client.HttpOutConfig;
import dev.ccotel.adapter.sqlite.StoreConfig;
import java.util.Objects;
import java.util.Optional;

/** Where the daemon puts what it receives: the choice {@code delivery.mode} and {@code --dry-run} make. */
public sealed interface Delivery {

    /**
     * The default: every export is committed to the local store before it is answered; with a
     * backend, an outbox in the same store forwards it at once and in order.
     */
    record Stored(StoreConfig store, Optional<HttpOutConfig> backend) implements Delivery {
        public Stored {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(backend, "backend");
        }

        /** The store file, for commands that say or check where it is. */
        public java.nio.file.Path storePath() {
            return store.path();
        }
    }

    /** {@code delivery.mode: passthrough}: nothing kept, the POST inside the exporter's call. */
    record Passthrough(HttpOutConfig backend) implements Delivery {
        public Passthrough {
            Objects.requireNonNull(backend, "backend");
        }
    }

    /** {@code --dry-run}: each request printed as a JSON line; nothing kept, nothing posted. */
    record DryRun() implements Delivery {}

    /** The backend requests go to, if any. */
    default Optional<HttpOutConfig> backendIfAny() {
        return switch (this) {
            case Stored s -> s.backend();
            case Passthrough p -> Optional.of(p.backend());
            case DryRun d -> Optional.empty();
        };
    }
}
