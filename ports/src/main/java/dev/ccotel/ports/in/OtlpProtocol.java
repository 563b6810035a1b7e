package dev.ccotel.ports.in;

import java.util.Arrays;
import java.util.Optional;

/** The values of {@code OTEL_EXPORTER_OTLP_PROTOCOL}; ccotel has a receiver for each. */
public enum OtlpProtocol {
    GRPC("grpc"), HTTP_PROTOBUF("http/protobuf"), HTTP_JSON("http/json");

    private final String id;

    OtlpProtocol(String id) {
        this.id = id;
    }

    /** As the variable spells it: {@code grpc}, {@code http/protobuf}, {@code http/json}. */
    public String id() {
        return id;
    }

    /** Whether the exporter speaks OTLP/HTTP, so it must be pointed at the HTTP receiver's port. */
    public boolean isHttp() {
        return this != GRPC;
    }

    public static Optional<OtlpProtocol> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
